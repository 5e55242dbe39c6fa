namespace HushRyd.Gateway.Identity;

public enum OtpOutcome
{
    Verified,
    NoPendingCode,
    WrongCode,
    TooManyAttempts,
}
