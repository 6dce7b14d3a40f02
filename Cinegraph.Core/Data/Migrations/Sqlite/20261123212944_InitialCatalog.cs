using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Cinegraph.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCatalog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "canonical_lists",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_canonical_lists", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_imports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DataVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Movies = table.Column<int>(type: "INTEGER", nullable: false),
                    Awards = table.Column<int>(type: "INTEGER", nullable: false),
                    Lists = table.Column<int>(type: "INTEGER", nullable: false),
                    Memberships = table.Column<int>(type: "INTEGER", nullable: false),
                    Credits = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "metric_weight_profiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PopularOpinion = table.Column<double>(type: "REAL", nullable: false),
                    IndustryRecognition = table.Column<double>(type: "REAL", nullable: false),
                    CulturalImpact = table.Column<double>(type: "REAL", nullable: false),
                    PeopleQuality = table.Column<double>(type: "REAL", nullable: false),
                    WeightsVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsSystem = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_weight_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "movies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImdbId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    RuntimeMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    Genres = table.Column<string>(type: "TEXT", nullable: false),
                    Countries = table.Column<string>(type: "TEXT", nullable: false),
                    OriginalLanguage = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    ImdbRating = table.Column<double>(type: "REAL", nullable: true),
                    ImdbVotes = table.Column<int>(type: "INTEGER", nullable: true),
                    LetterboxdPopularityRank = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_movies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "award_nominations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MovieId = table.Column<int>(type: "INTEGER", nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EventYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Award = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Won = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_award_nominations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_award_nominations_movies_MovieId",
                        column: x => x.MovieId,
                        principalTable: "movies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "list_memberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    MovieId = table.Column<int>(type: "INTEGER", nullable: false),
                    Edition = table.Column<int>(type: "INTEGER", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_list_memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_list_memberships_canonical_lists_ListId",
                        column: x => x.ListId,
                        principalTable: "canonical_lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_list_memberships_movies_MovieId",
                        column: x => x.MovieId,
                        principalTable: "movies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "oscar_credits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MovieId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Class = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EventYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Won = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_oscar_credits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_oscar_credits_movies_MovieId",
                        column: x => x.MovieId,
                        principalTable: "movies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "metric_weight_profiles",
                columns: new[] { "Id", "Active", "CulturalImpact", "Description", "IndustryRecognition", "IsDefault", "IsSystem", "Name", "PeopleQuality", "PopularOpinion", "WeightsVersion" },
                values: new object[,]
                {
                    { 1, true, 0.25, "Equal weight across all four dimensions (25% each).", 0.25, true, true, "Balanced", 0.25, 0.25, 1 },
                    { 2, true, 0.20000000000000001, "Leans on Oscars, festivals and guild awards.", 0.45000000000000001, false, true, "Award Winner", 0.10000000000000001, 0.25, 1 },
                    { 3, true, 0.29999999999999999, "Leans on ratings and the critics' canons.", 0.14999999999999999, false, true, "Critics Choice", 0.050000000000000003, 0.5, 1 },
                    { 4, true, 0.37, "Leans on audience ratings, votes and popularity.", 0.11, false, true, "Crowd Pleaser", 0.050000000000000003, 0.46999999999999997, 1 },
                    { 5, true, 0.34999999999999998, "Leans on lasting cultural presence and audience love.", 0.10000000000000001, false, true, "Cult Classic", 0.14999999999999999, 0.40000000000000002, 1 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_award_nominations_MovieId_Event_EventYear",
                table: "award_nominations",
                columns: new[] { "MovieId", "Event", "EventYear" });

            migrationBuilder.CreateIndex(
                name: "IX_canonical_lists_Key",
                table: "canonical_lists",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_data_imports_DataVersion",
                table: "data_imports",
                column: "DataVersion");

            migrationBuilder.CreateIndex(
                name: "IX_list_memberships_ListId_MovieId_Edition",
                table: "list_memberships",
                columns: new[] { "ListId", "MovieId", "Edition" });

            migrationBuilder.CreateIndex(
                name: "IX_list_memberships_MovieId",
                table: "list_memberships",
                column: "MovieId");

            migrationBuilder.CreateIndex(
                name: "IX_metric_weight_profiles_IsDefault",
                table: "metric_weight_profiles",
                column: "IsDefault",
                unique: true,
                filter: "\"IsDefault\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_metric_weight_profiles_Name",
                table: "metric_weight_profiles",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_movies_ImdbId",
                table: "movies",
                column: "ImdbId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_movies_Year",
                table: "movies",
                column: "Year");

            migrationBuilder.CreateIndex(
                name: "IX_oscar_credits_MovieId",
                table: "oscar_credits",
                column: "MovieId");

            migrationBuilder.CreateIndex(
                name: "IX_oscar_credits_PersonId",
                table: "oscar_credits",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "award_nominations");

            migrationBuilder.DropTable(
                name: "data_imports");

            migrationBuilder.DropTable(
                name: "list_memberships");

            migrationBuilder.DropTable(
                name: "metric_weight_profiles");

            migrationBuilder.DropTable(
                name: "oscar_credits");

            migrationBuilder.DropTable(
                name: "canonical_lists");

            migrationBuilder.DropTable(
                name: "movies");
        }
    }
}
