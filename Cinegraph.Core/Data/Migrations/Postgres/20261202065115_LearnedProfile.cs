using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cinegraph.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LearnedProfile : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "metric_weight_profiles",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "weights");

            migrationBuilder.CreateTable(
                name: "fitted_models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DataVersion = table.Column<int>(type: "integer", nullable: false),
                    FitVersion = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Parameters = table.Column<string>(type: "jsonb", nullable: false),
                    FittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DurationMs = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fitted_models", x => x.Id);
                });

            migrationBuilder.UpdateData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "IsDefault", "Kind" },
                values: new object[] { false, "weights" });

            migrationBuilder.UpdateData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 2,
                column: "Kind",
                value: "weights");

            migrationBuilder.UpdateData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 3,
                column: "Kind",
                value: "weights");

            migrationBuilder.UpdateData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 4,
                column: "Kind",
                value: "weights");

            migrationBuilder.UpdateData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 5,
                column: "Kind",
                value: "weights");

            migrationBuilder.InsertData(
                table: "metric_weight_profiles",
                columns: new[] { "Id", "Active", "CulturalImpact", "Description", "IndustryRecognition", "IsDefault", "IsSystem", "Kind", "Name", "PeopleQuality", "PopularOpinion", "WeightsVersion" },
                values: new object[] { 6, true, 0.25, "Weighs each award, list, rating and popularity signal as a model fitted on the book's past choices does; every past decade is ranked by a fit that never saw it.", 0.25, true, true, "learned", "Learned", 0.25, 0.25, 1 });

            migrationBuilder.CreateIndex(
                name: "IX_fitted_models_DataVersion_FitVersion",
                table: "fitted_models",
                columns: new[] { "DataVersion", "FitVersion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fitted_models");

            migrationBuilder.DeleteData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 6);

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "metric_weight_profiles");

            migrationBuilder.UpdateData(
                table: "metric_weight_profiles",
                keyColumn: "Id",
                keyValue: 1,
                column: "IsDefault",
                value: true);
        }
    }
}
