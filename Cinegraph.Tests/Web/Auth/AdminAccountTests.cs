using Cinegraph.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cinegraph.Tests.Web.Auth;

public sealed class AdminAccountTests
{
    [Fact]
    public async Task GeneratedPasswordIsLoggedOnceAndAccepted()
    {
        var logger = new ListLogger();
        var account = new AdminAccount(Options.Create(new AdminOptions()), logger);

        await account.StartAsync(TestContext.Current.CancellationToken);
        await account.StartAsync(TestContext.Current.CancellationToken);

        account.PasswordWasGenerated.Should().BeTrue();
        logger.Messages.Should().ContainSingle();
        var password = logger.Messages[0][(logger.Messages[0].LastIndexOf(' ') + 1)..];
        password.Should().HaveLength(24);
        account.Verify("admin", password).Should().BeTrue();
        account.Verify("admin", password + "x").Should().BeFalse();
    }

    [Fact]
    public void ConfiguredPasswordIsCheckedWithACaseInsensitiveUserName()
    {
        var account = new AdminAccount(Options.Create(new AdminOptions { UserName = "Curator", Password = "a-long-password" }), new ListLogger());

        account.PasswordWasGenerated.Should().BeFalse();
        account.Verify("curator", "a-long-password").Should().BeTrue();
        account.Verify("CURATOR ", "a-long-password").Should().BeTrue();
        account.Verify("admin", "a-long-password").Should().BeFalse();
        account.Verify("curator", "A-LONG-PASSWORD").Should().BeFalse();
        account.Verify(null, null).Should().BeFalse();
    }

    [Fact]
    public void ConfiguredPasswordHashTakesPrecedence()
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), "hashed-password");
        var account = new AdminAccount(Options.Create(new AdminOptions { Password = "ignored-password", PasswordHash = hash }), new ListLogger());

        account.Verify("admin", "hashed-password").Should().BeTrue();
        account.Verify("admin", "ignored-password").Should().BeFalse();
    }

    [Fact]
    public void PrincipalCarriesTheNameAndTheAdminRole()
    {
        var account = new AdminAccount(Options.Create(new AdminOptions { Password = "a-long-password" }), new ListLogger());

        var principal = account.CreatePrincipal("session-1");

        principal.Identity!.IsAuthenticated.Should().BeTrue();
        principal.Identity.Name.Should().Be("admin");
        principal.IsInRole(AdminAccount.AdminRole).Should().BeTrue();
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/predictions?decade=2020&profile=balanced", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("predictions", false)]
    [InlineData("/a\nb", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ReturnUrlIsLocalOnlyForPathsOnThisSite(string? url, bool local)
    {
        ReturnUrls.IsLocal(url).Should().Be(local);
        ReturnUrls.OrHome(url).Should().Be(local ? url : "/");
    }

    private sealed class ListLogger : ILogger<AdminAccount>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
