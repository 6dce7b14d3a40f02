using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cinegraph.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobsPanelAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attempts",
                table: "refresh_jobs",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "refresh_jobs");
        }
    }
}
