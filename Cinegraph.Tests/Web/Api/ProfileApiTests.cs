using System.Net;
using System.Net.Http.Json;

namespace Cinegraph.Tests.Web.Api;

/// <summary>Saving, editing and deleting profiles through the API: admins only, system profiles read-only, errors as ProblemDetails.</summary>
public sealed class ProfileApiTests(ApiAppFixture fixture) : IClassFixture<ApiAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Body(string name, double popular, double industry, double cultural, double people, string description = "") =>
        new { name, description, weights = new { popularOpinion = popular, industryRecognition = industry, culturalImpact = cultural, peopleQuality = people } };

    [Fact]
    public async Task AnAdminSavesEditsAndDeletesAProfile()
    {
        using var admin = await fixture.App.CreateAdminClientAsync(Ct);

        using var created = await admin.PostAsJsonAsync("/api/profiles", Body("Api Mine", 0.4, 0.2, 0.2, 0.2, "first"), Ct);
        using var edited = await admin.PutAsJsonAsync("/api/profiles/api-mine", Body("Api Ours", 0.1, 0.3, 0.3, 0.3, "second"), Ct);
        var editedBody = await ApiApp.JsonAsync(edited, Ct);
        using var gone = await admin.PutAsJsonAsync("/api/profiles/api-mine", Body("Api Ours", 0.1, 0.3, 0.3, 0.3), Ct);
        using var deleted = await admin.DeleteAsync(new Uri("/api/profiles/api-ours", UriKind.Relative), Ct);
        using var again = await admin.DeleteAsync(new Uri("/api/profiles/api-ours", UriKind.Relative), Ct);
        var list = await ApiApp.JsonAsync(await admin.GetAsync(new Uri("/api/profiles", UriKind.Relative), Ct), Ct);

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Headers.Location!.ToString().Should().Be("/api/profiles/api-mine");
        edited.StatusCode.Should().Be(HttpStatusCode.OK);
        editedBody.GetProperty("slug").GetString().Should().Be("api-ours");
        editedBody.GetProperty("description").GetString().Should().Be("second");
        editedBody.GetProperty("weightsVersion").GetInt32().Should().Be(2);
        editedBody.GetProperty("weights").GetProperty("popularOpinion").GetDouble().Should().Be(0.1);
        gone.StatusCode.Should().Be(HttpStatusCode.NotFound, "the slug changed with the name");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        again.StatusCode.Should().Be(HttpStatusCode.NotFound);
        again.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        list.EnumerateArray().Select(p => p.GetProperty("slug").GetString()).Should().NotContain(["api-mine", "api-ours"]);
    }

    [Fact]
    public async Task SystemProfilesAreReadOnly()
    {
        using var admin = await fixture.App.CreateAdminClientAsync(Ct);

        using var edit = await admin.PutAsJsonAsync("/api/profiles/balanced", Body("Balanced", 0.4, 0.2, 0.2, 0.2), Ct);
        using var delete = await admin.DeleteAsync(new Uri("/api/profiles/award-winner", UriKind.Relative), Ct);

        edit.StatusCode.Should().Be(HttpStatusCode.Conflict);
        delete.StatusCode.Should().Be(HttpStatusCode.Conflict);
        delete.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await delete.Content.ReadAsStringAsync(Ct)).Should().Contain("system profile");
    }

    [Fact]
    public async Task InvalidWeightsATakenNameOrNoNameAreABadRequestWithTheReasons()
    {
        using var admin = await fixture.App.CreateAdminClientAsync(Ct);

        using var lopsided = await admin.PostAsJsonAsync("/api/profiles", Body("Api Lopsided", 0.6, 0.6, 0, 0), Ct);
        using var taken = await admin.PostAsJsonAsync("/api/profiles", Body("award winner", 0.25, 0.25, 0.25, 0.25), Ct);
        using var nameless = await admin.PostAsJsonAsync("/api/profiles", new { description = "x" }, Ct);

        lopsided.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await lopsided.Content.ReadAsStringAsync(Ct)).Should().Contain("sum to 100%");
        taken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await taken.Content.ReadAsStringAsync(Ct)).Should().Contain("already exists");
        nameless.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await ApiApp.JsonAsync(nameless, Ct)).GetProperty("errors");
        errors.TryGetProperty("name", out _).Should().BeTrue();
        errors.TryGetProperty("weights", out _).Should().BeTrue();
    }

    [Fact]
    public async Task VisitorsCannotChangeProfiles()
    {
        using var visitor = fixture.App.CreateClient();

        using var create = await visitor.PostAsJsonAsync("/api/profiles", Body("Api Visitor", 0.25, 0.25, 0.25, 0.25), Ct);
        using var delete = await visitor.DeleteAsync(new Uri("/api/profiles/balanced", UriKind.Relative), Ct);

        create.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        delete.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
