using Cinegraph.Core.Scoring;

namespace Cinegraph.Tests.Scoring;

public sealed class LikelihoodCalibrationTests
{
    private static List<(double, bool)> Samples()
    {
        // Membership grows with score: 5 % at 10, … , 90 % at 90.
        var samples = new List<(double, bool)>();
        foreach (var (score, rate) in new[] { (10.0, 0.05), (30.0, 0.15), (50.0, 0.4), (70.0, 0.7), (90.0, 0.9) })
        {
            for (var i = 0; i < 100; i++)
            {
                samples.Add((score, i < rate * 100));
            }
        }

        return samples;
    }

    [Fact]
    public void FittedLikelihoodFollowsTheObservedRates()
    {
        var calibration = LikelihoodCalibration.Fit(Samples());

        calibration.Likelihood(10).Should().BeInRange(2, 12);
        calibration.Likelihood(50).Should().BeInRange(30, 50);
        calibration.Likelihood(90).Should().BeInRange(85, 97);
    }

    [Fact]
    public void LikelihoodIsMonotoneAndWithinZeroToHundredForEveryScore()
    {
        var calibration = LikelihoodCalibration.Fit(Samples());
        var previous = -1.0;
        for (var score = 0.0; score <= 100; score += 0.5)
        {
            var likelihood = calibration.Likelihood(score);
            likelihood.Should().BeInRange(0, 100);
            likelihood.Should().BeGreaterThanOrEqualTo(previous);
            previous = likelihood;
        }
    }

    [Fact]
    public void ScoreThatPredictsNothingGivesFlatLikelihoodAtTheBaseRate()
    {
        var inverted = Samples().Select(s => (100 - s.Item1, s.Item2)).ToList();

        var calibration = LikelihoodCalibration.Fit(inverted);

        calibration.Slope.Should().Be(0);
        calibration.Likelihood(0).Should().BeApproximately(calibration.Likelihood(100), 1e-9);
        calibration.Likelihood(50).Should().BeApproximately(44, 0.5);
    }

    [Fact]
    public void NoPositivesGivesSmallFlatLikelihood()
    {
        var calibration = LikelihoodCalibration.Fit([(10, false), (90, false)]);

        calibration.Likelihood(100).Should().BeInRange(0, 1);
    }

    [Fact]
    public void PerfectlySeparatedDataStaysFinite()
    {
        var calibration = LikelihoodCalibration.Fit([(10, false), (20, false), (80, true), (90, true)]);

        double.IsFinite(calibration.Likelihood(50)).Should().BeTrue();
        calibration.Likelihood(100).Should().BeInRange(0, 100);
    }

    [Fact]
    public void TheDecadeSizeLowersTheLikelihoodOfAFilmFromALargeDecade()
    {
        // At the same score, a decade of 100 films sends 40 % to the list and one of 3000 films 2 %.
        var samples = new List<(double, int, bool)>();
        foreach (var (films, rates) in new[] { (100, new[] { 0.2, 0.6 }), (3000, new[] { 0.005, 0.04 }) })
        {
            foreach (var (score, rate) in new[] { (30.0, rates[0]), (70.0, rates[1]) })
            {
                for (var i = 0; i < 1000; i++)
                {
                    samples.Add((score, films, i < rate * 1000));
                }
            }
        }

        var calibration = LikelihoodCalibration.FitWithDecadeSize(samples);

        calibration.DecadeSlope.Should().BeNegative();
        calibration.Slope.Should().BePositive();
        calibration.Likelihood(70, 100).Should().BeInRange(40, 75);
        calibration.Likelihood(70, 3000).Should().BeInRange(1, 10);
        calibration.Likelihood(70, 3000).Should().BeGreaterThan(calibration.Likelihood(30, 3000));
    }
}
