using System.Security.Claims;
using Cinegraph.Core.Data;
using Cinegraph.Core.Sessions;
using Cinegraph.Tests.Infrastructure;
using Cinegraph.Tests.Jobs;
using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Cinegraph.Tests.Web.Auth;

/// <summary>Server-side sessions on a real database: sign-out and a changed password void a cookie; the circuit notices.</summary>
public abstract class AdminSessionsTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly AuthOptions _options = new() { SessionCheckInterval = TimeSpan.FromSeconds(5), CircuitRevalidationInterval = TimeSpan.FromMilliseconds(20) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASessionHoldsUntilItIsSignedOutAndThenNeverAgain()
    {
        var sessions = Node("a-long-password");
        var user = await SignInAsync(sessions);

        var before = await sessions.CheckAsync(user, Ct);
        await sessions.RevokeAsync(user, Ct);
        var after = await sessions.CheckAsync(user, Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        var later = await sessions.CheckAsync(user, Ct);

        (before, after, later).Should().Be((SessionCheck.Active, SessionCheck.Void, SessionCheck.Void));
    }

    [Fact]
    public async Task ASignOutOnAnotherNodeIsSeenOnceTheCheckIntervalHasPassed()
    {
        var here = Node("a-long-password");
        var elsewhere = Node("a-long-password");
        var user = await SignInAsync(here);
        (await here.CheckAsync(user, Ct)).Should().Be(SessionCheck.Active);

        await elsewhere.RevokeAsync(user, Ct);
        var withinInterval = await here.CheckAsync(user, Ct);
        _time.Advance(_options.SessionCheckInterval);
        var afterInterval = await here.CheckAsync(user, Ct);

        withinInterval.Should().Be(SessionCheck.Active, "the answer is trusted for the check interval");
        afterInterval.Should().Be(SessionCheck.Void);
    }

    [Fact]
    public async Task AChangedPasswordOrPasswordHashVoidsEverySessionStartedBefore()
    {
        var user = await SignInAsync(Node("a-long-password"));
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<object>().HashPassword(new object(), "another-password");

        var samePassword = await Node("a-long-password").CheckAsync(user, Ct);
        var newPassword = await Node("a-new-long-password").CheckAsync(user, Ct);
        var newHash = await Node(null, hash).CheckAsync(user, Ct);

        (samePassword, newPassword, newHash).Should().Be((SessionCheck.Active, SessionCheck.Void, SessionCheck.Void));
    }

    [Fact]
    public async Task ForgedOrMissingSessionIdsAreVoid()
    {
        var sessions = Node("a-long-password");
        var noClaim = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminAccount.AdminRole)], "Cookies"));
        var unknown = Principal("no-such-session");
        var tooLong = Principal(new string('x', 500));

        (await sessions.CheckAsync(noClaim, Ct)).Should().Be(SessionCheck.Void);
        (await sessions.CheckAsync(unknown, Ct)).Should().Be(SessionCheck.Void);
        (await sessions.CheckAsync(tooLong, Ct)).Should().Be(SessionCheck.Void);
        (await sessions.CheckAsync(new ClaimsPrincipal(new ClaimsIdentity()), Ct)).Should().Be(SessionCheck.Void);
    }

    [Fact]
    public async Task StartingASessionDeletesRevokedStaleAndOldPasswordRows()
    {
        var old = Node("an-old-password");
        await SignInAsync(old);
        var sessions = Node("a-long-password");
        var revoked = await SignInAsync(sessions);
        await sessions.RevokeAsync(revoked, Ct);
        await SignInAsync(sessions);
        _time.Advance(_options.SessionLifetime + TimeSpan.FromMinutes(1));

        var current = await SignInAsync(sessions);

        await using var db = await Factory.CreateDbContextAsync(Ct);
        (await db.AdminSessions.Select(s => s.Id).ToListAsync(Ct)).Should().Equal(current.FindFirstValue(AdminSessions.SessionClaim));
    }

    [Fact]
    public async Task ADatabaseThatCannotBeAskedGivesUnknownNotActiveAndIsAskedAgainNextTime()
    {
        var sessions = Node("a-long-password");
        var user = await SignInAsync(sessions);
        var unreachable = new CinegraphDbContextFactory(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "missing", "x.db"));
        var account = new AdminAccount(Options.Create(new AdminOptions { Password = "a-long-password" }), NullLogger<AdminAccount>.Instance);
        var broken = new AdminSessions(new AdminSessionStore(unreachable, _time), account, _time, Options.Create(_options), NullLogger<AdminSessions>.Instance);

        var first = await broken.CheckAsync(user, Ct);
        var healthy = await sessions.CheckAsync(user, Ct);

        first.Should().Be(SessionCheck.Unknown, "a failed look-up must never read as an active session");
        healthy.Should().Be(SessionCheck.Active, "the session itself is untouched by the other node's outage");
    }

    [Fact]
    public async Task AnOpenCircuitLosesItsAdminRightsAfterSignOut()
    {
        var sessions = Node("a-long-password");
        var user = await SignInAsync(sessions);
        using var circuit = new AdminAuthenticationStateProvider(NullLoggerFactory.Instance, sessions, Options.Create(_options));
        circuit.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        var changed = new TaskCompletionSource<AuthenticationState>(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.AuthenticationStateChanged += async state => changed.TrySetResult(await state);

        await sessions.RevokeAsync(user, Ct);
        var state = await changed.Task.WaitAsync(Eventually.Timeout, Ct);

        state.User.Identity?.IsAuthenticated.Should().BeFalse();
        AdminAccount.IsAdmin((await circuit.GetAuthenticationStateAsync()).User).Should().BeFalse();
    }

    private AdminSessions Node(string? password, string? passwordHash = null)
    {
        var account = new AdminAccount(Options.Create(new AdminOptions { Password = password, PasswordHash = passwordHash }), NullLogger<AdminAccount>.Instance);
        return new AdminSessions(new AdminSessionStore(Factory, _time), account, _time, Options.Create(_options), NullLogger<AdminSessions>.Instance);
    }

    private static async Task<ClaimsPrincipal> SignInAsync(AdminSessions sessions) => Principal(await sessions.StartAsync(Ct));

    private static ClaimsPrincipal Principal(string sessionId) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, AdminAccount.AdminRole), new Claim(AdminSessions.SessionClaim, sessionId)],
        "Cookies", ClaimTypes.Name, ClaimTypes.Role));
}

public sealed class AdminSessionsTestsOnSqlite() : AdminSessionsTests(DatabaseProvider.Sqlite);

public sealed class AdminSessionsTestsOnPostgres() : AdminSessionsTests(DatabaseProvider.Postgres);
