using Microsoft.AspNetCore.Authorization;

namespace Orleans.Counters.Gateway.Security;

/// <summary>Grants an <see cref="AccountKeyRequirement"/> to the admin, and to a key of the right kind for the right account.</summary>
public sealed class AccountKeyHandler : AuthorizationHandler<AccountKeyRequirement>
{
    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccountKeyRequirement requirement)
    {
        var allowed = requirement.AnyAccount
            ? context.User.May(requirement.Kind)
            : context.Resource is HttpContext http && requirement.AccountOf(http) is { } account && context.User.May(requirement.Kind, account);
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
