using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cinegraph.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ImportReplacesCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CatalogueReplaced",
                table: "data_imports",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CatalogueReplaced",
                table: "data_imports");
        }
    }
}
