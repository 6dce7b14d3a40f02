using System.Text.Json;

namespace Cinegraph.Core.Jobs;

/// <summary>Reads and appends the <see cref="RefreshJob.Errors"/> JSON (an array of <see cref="JobError"/>).</summary>
public static class JobErrors
{
    /// <summary>Longest message kept per error; a stack trace beyond it is cut.</summary>
    public const int MaxMessageLength = 4000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The errors of a job, oldest first.</summary>
    public static IReadOnlyList<JobError> Parse(string? errors) =>
        string.IsNullOrWhiteSpace(errors) ? [] : JsonSerializer.Deserialize<List<JobError>>(errors, Json) ?? [];

    /// <summary>The errors with one more appended.</summary>
    public static string Append(string? errors, JobError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = error.Message.Length > MaxMessageLength ? error.Message[..MaxMessageLength] : error.Message;
        return JsonSerializer.Serialize<IReadOnlyList<JobError>>([.. Parse(errors), error with { Message = message }], Json);
    }

    /// <summary>What is kept of an exception: its type and message, then its stack trace.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ToString();
    }
}
