namespace Orleans.Counters.Gateway.Security;

/// <summary>Keys' and open mode's messages: event ids 2200–2299 (see <see cref="Gateway.Log"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Keys required: every API request needs the admin key or one of an account's keys (Counters:Security:AdminKey is set).")]
    public static partial void KeysRequired(ILogger logger);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Open mode: no key is asked for, so anyone who reaches this gateway can send and read every account's events. Set Counters__Security__AdminKey (32 characters or more) to require keys.")]
    public static partial void OpenMode(ILogger logger);
}
