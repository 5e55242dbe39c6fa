namespace HushRyd.Platform.Http;

/// <summary>
/// The safety desk's browser session. Page loads cannot carry a bearer header, so after signing in the desk's access
/// token also sits in an HttpOnly cookie scoped to <c>/admin</c>, honoured for reads (GET, HEAD) only: every change
/// still needs the bearer header, which another site cannot make a browser send.
/// </summary>
public static class DeskSession
{
    public const string CookieName = "hushryd_desk";

    /// <summary>The one admin page anyone inside the admin networks may load: it asks for the phone and the code.</summary>
    public const string SignInPath = "/admin/sign-in";
}
