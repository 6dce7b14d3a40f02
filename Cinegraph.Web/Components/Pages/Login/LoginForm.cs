namespace Cinegraph.Web.Components.Pages.Login;

/// <summary>The fields the login form posts (as <c>Input.UserName</c> and <c>Input.Password</c>).</summary>
internal sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
