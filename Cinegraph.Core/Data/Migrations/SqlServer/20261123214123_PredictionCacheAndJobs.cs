using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cinegraph.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PredictionCacheAndJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "comparison_cache",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CalculatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_comparison_cache", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "prediction_cache",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Decade = table.Column<int>(type: "int", nullable: false),
                    ProfileId = table.Column<int>(type: "int", nullable: false),
                    MovieScores = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Statistics = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CalculatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_prediction_cache", x => x.Id);
                    table.CheckConstraint("CK_prediction_cache_decade", "[Decade] >= 1920 AND [Decade] <= 2020");
                    table.ForeignKey(
                        name: "FK_prediction_cache_metric_weight_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "metric_weight_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refresh_jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ProfileId = table.Column<int>(type: "int", nullable: false),
                    Decades = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IncludeValidation = table.Column<bool>(type: "bit", nullable: false),
                    UniqueKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Attempt = table.Column<int>(type: "int", nullable: false),
                    MaxAttempts = table.Column<int>(type: "int", nullable: false),
                    InsertedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ScheduledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    AttemptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AttemptedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DiscardedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelRequested = table.Column<bool>(type: "bit", nullable: false),
                    ProgressDone = table.Column<int>(type: "int", nullable: false),
                    ProgressTotal = table.Column<int>(type: "int", nullable: false),
                    ProgressNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Errors = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refresh_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "validation_cache",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProfileId = table.Column<int>(type: "int", nullable: false),
                    Payload = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Metadata = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CalculatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_validation_cache", x => x.Id);
                    table.ForeignKey(
                        name: "FK_validation_cache_metric_weight_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "metric_weight_profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_comparison_cache_Key",
                table: "comparison_cache",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_prediction_cache_Decade_ProfileId",
                table: "prediction_cache",
                columns: new[] { "Decade", "ProfileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_prediction_cache_ProfileId",
                table: "prediction_cache",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_refresh_jobs_ProfileId",
                table: "refresh_jobs",
                column: "ProfileId");

            migrationBuilder.CreateIndex(
                name: "IX_refresh_jobs_State_ScheduledAt",
                table: "refresh_jobs",
                columns: new[] { "State", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_refresh_jobs_UniqueKey",
                table: "refresh_jobs",
                column: "UniqueKey",
                unique: true,
                filter: "[State] IN ('available', 'scheduled', 'executing', 'retryable')");

            migrationBuilder.CreateIndex(
                name: "IX_validation_cache_ProfileId",
                table: "validation_cache",
                column: "ProfileId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "comparison_cache");

            migrationBuilder.DropTable(
                name: "prediction_cache");

            migrationBuilder.DropTable(
                name: "refresh_jobs");

            migrationBuilder.DropTable(
                name: "validation_cache");
        }
    }
}
