namespace Orleans.Counters.Ship.Sending;

/// <summary>The gateway answered 401 or 403: the key is missing, wrong, revoked or not this account's, and no retry changes that.</summary>
/// <param name="detail">The status and problem body.</param>
public sealed class KeyRefusedException(string detail) : Exception(detail);
