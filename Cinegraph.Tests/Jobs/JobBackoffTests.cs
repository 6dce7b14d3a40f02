using Cinegraph.Core.Jobs;

namespace Cinegraph.Tests.Jobs;

public sealed class JobBackoffTests
{
    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 30)]
    [InlineData(3, 60)]
    public void DoublesTheBackoffAfterEachFailedAttempt(int attempt, int seconds) =>
        JobBackoff.Nominal(TimeSpan.FromSeconds(15), attempt).Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void JitterStaysWithinTenPercentAndTheBandsDoNotOverlap()
    {
        var backoff = TimeSpan.FromSeconds(15);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var nominal = JobBackoff.Nominal(backoff, attempt);
            JobBackoff.Delay(backoff, attempt, 0).Should().Be(nominal * 0.9);
            JobBackoff.Delay(backoff, attempt, 0.999999).Should().BeCloseTo(nominal * 1.1, TimeSpan.FromMilliseconds(1));
            JobBackoff.Delay(backoff, attempt + 1, 0).Should().BeGreaterThan(JobBackoff.Delay(backoff, attempt, 0.999999));
        }
    }

    [Fact]
    public void NeverWaitsLongerThanAnHour() =>
        JobBackoff.Nominal(TimeSpan.FromSeconds(15), 50).Should().Be(JobBackoff.MaxDelay);
}
