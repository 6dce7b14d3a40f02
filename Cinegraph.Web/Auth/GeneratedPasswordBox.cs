using System.Text;

namespace Cinegraph.Web.Auth;

/// <summary>
/// Prints a generated administrator password in a box on the console once the app has started, i.e. after the start-up's
/// migration, import and cache lines, so they do not bury it. Nothing is printed when a password is configured.
/// </summary>
internal sealed class GeneratedPasswordBox(AdminAccount account, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (account.GeneratedPassword is { } password)
        {
            lifetime.ApplicationStarted.Register(() => Console.Out.Write(Format(account.UserName, password)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The box: the user name and password, and how to set a fixed password instead.</summary>
    public static string Format(string userName, string password)
    {
        string[] lines =
        [
            "Administrator sign-in (generated for this run only)",
            "",
            $"  user name: {userName}",
            $"  password:  {password}",
            "",
            "Sign in at /login. For a fixed password set Admin__Password",
            "(or Admin__PasswordHash); see README, Configuration.",
        ];
        var width = lines.Max(l => l.Length) + 2;
        var box = new StringBuilder();
        box.AppendLine().Append('╔').Append('═', width).AppendLine("╗");
        foreach (var line in lines)
        {
            box.Append("║ ").Append(line.PadRight(width - 1)).AppendLine("║");
        }

        box.Append('╚').Append('═', width).AppendLine("╝").AppendLine();
        return box.ToString();
    }
}
