using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Counters.Client;
using Orleans.Counters.Gateway.Problems;

namespace Orleans.Counters.Gateway.Tests;

/// <summary>
/// What the gateway answers when the durable commit fails: a 503 that says truthfully whether the
/// events may have been stored, and a 400 for events PostgreSQL refuses as data.
/// </summary>
public sealed class StorageProblemTests
{
    [Fact]
    public async Task AnUnknownCommitOutcomeIsA503ThatSaysTheEventsMayHaveBeenStoredAndThatIdsMakeResendingSafe()
    {
        var (status, problem) = await AnswerAsync(
            new ServiceUnavailableHandler(ProblemDetails(), NullLogger<ServiceUnavailableHandler>.Instance),
            new CommitOutcomeUnknownException(new NpgsqlException("Exception while reading from stream")));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("may or may not have been stored", detail);
        Assert.Contains("Resending events that carry an id is safe", detail);
        Assert.DoesNotContain("not processed", detail);
    }

    [Fact]
    public async Task ACommitThatSurelyFailedIsA503ThatSaysNothingWasProcessed()
    {
        var (status, problem) = await AnswerAsync(
            new ServiceUnavailableHandler(ProblemDetails(), NullLogger<ServiceUnavailableHandler>.Instance),
            new NpgsqlException("Failed to connect"));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("The request was not processed; retry it.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task EventsPostgresRefusesAsDataAreA400ProblemNamingTheReason()
    {
        var refused = new PostgresException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "ERROR", PostgresErrorCodes.CharacterNotInRepertoire);

        var (status, problem) = await AnswerAsync(
            new UnstorableEventsHandler(ProblemDetails(), NullLogger<UnstorableEventsHandler>.Instance),
            new UnstorableEventsException(refused));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal("22021", problem.GetProperty("sqlState").GetString());
        Assert.Contains("0x00", problem.GetProperty("detail").GetString());
        Assert.Contains("Nothing from this request was counted", problem.GetProperty("detail").GetString());
    }

    private static IProblemDetailsService ProblemDetails() =>
        new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider().GetRequiredService<IProblemDetailsService>();

    private static async Task<(int Status, JsonElement Problem)> AnswerAsync(IExceptionHandler handler, Exception exception)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        context.Request.Headers.Accept = "application/problem+json";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));

        Assert.Equal("application/problem+json", context.Response.ContentType);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, (await JsonDocument.ParseAsync(context.Response.Body)).RootElement);
    }
}
