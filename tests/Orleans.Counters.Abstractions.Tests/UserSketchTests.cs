using Microsoft.Extensions.DependencyInjection;
using Orleans.Counters.Uniques;
using Orleans.Serialization;
using Xunit.Abstractions;

namespace Orleans.Counters.Abstractions.Tests;

public sealed class UserSketchTests(ITestOutputHelper output)
{
    private const double MaxRelativeError = 0.02;

    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddAssembly(typeof(UserSketch).Assembly))
        .BuildServiceProvider();

    private static readonly Serializer Serializer = Services.GetRequiredService<Serializer>();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    [InlineData(UserSketch.SparseLimit - 1)]
    [InlineData(UserSketch.SparseLimit)]
    public void UpToTheSparseLimit_TheCountIsExact(int users)
    {
        var ids = Ids(0, users).ToList();
        var sketch = Sketch(ids);

        Assert.True(sketch.IsExact);
        Assert.Equal(new HashSet<string>(ids).Count, sketch.Estimate());
    }

    [Fact]
    public void OnePastTheSparseLimit_TheSketchTurnsDenseAndStaysClose()
    {
        var sketch = Sketch(Ids(0, UserSketch.SparseLimit + 1));

        Assert.False(sketch.IsExact);
        AssertClose(UserSketch.SparseLimit + 1, sketch.Estimate());
    }

    [Theory]
    [InlineData(3_000)]
    [InlineData(10_000)]
    [InlineData(30_000)]
    [InlineData(60_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void ManyUsers_AreEstimatedWithinTwoPercent(int users)
    {
        var sketch = Sketch(Ids(0, users));

        AssertClose(users, sketch.Estimate());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(50_000)]
    public void AddingUsersAgain_ChangesNothing(int users)
    {
        var once = Sketch(Ids(0, users));
        var thrice = Sketch(Ids(0, users).Concat(Ids(0, users)).Concat(Ids(users / 2, users)));

        Assert.True(once.HasSameContent(thrice));
        Assert.Equal(once.Estimate(), thrice.Estimate());
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(3_000)]
    [InlineData(200_000)]
    public void MergingOverlappingSets_CountsTheirUnion(int users)
    {
        // 0..60 % and 40..100 %: a fifth of the users is in both.
        var left = Sketch(Ids(0, users * 6 / 10));
        var right = Sketch(Ids(users * 4 / 10, users));

        left.Merge(right);

        Assert.True(left.HasSameContent(Sketch(Ids(0, users))), "a merge holds what adding every user to one sketch holds");
        if (left.IsExact)
        {
            Assert.Equal(users, left.Estimate());
        }
        else
        {
            AssertClose(users, left.Estimate());
        }
    }

    [Fact]
    public void MergingManyDisjointSketches_CountsEveryUser()
    {
        // As a year's sketch is built from its hours: many small sketches, most of them exact.
        const int parts = 500;
        const int usersEach = 2_000;
        var year = new UserSketch();
        for (var part = 0; part < parts; part++)
        {
            year.Merge(Sketch(Ids(part * usersEach, (part + 1) * usersEach)));
        }

        AssertClose(parts * usersEach, year.Estimate());
    }

    [Theory]
    [InlineData(10, 20)]
    [InlineData(1_500, 1_500)]
    [InlineData(10, 5_000)]
    [InlineData(5_000, 10)]
    [InlineData(5_000, 7_000)]
    public void Merge_IsCommutativeAndIdempotent(int leftUsers, int rightUsers)
    {
        var left = Sketch(Ids(0, leftUsers));
        var right = Sketch(Ids(leftUsers / 2, (leftUsers / 2) + rightUsers));

        var leftThenRight = left.Clone();
        leftThenRight.Merge(right);
        var rightThenLeft = right.Clone();
        rightThenLeft.Merge(left);
        var twice = leftThenRight.Clone();
        twice.Merge(right);
        twice.Merge(left);
        twice.Merge(twice);

        Assert.True(leftThenRight.HasSameContent(rightThenLeft));
        Assert.True(leftThenRight.HasSameContent(twice));
        Assert.True(left.HasSameContent(Sketch(Ids(0, leftUsers))), "the merged-in sketch is left as it was");
    }

    [Fact]
    public void Clone_IsIndependent()
    {
        var sketch = Sketch(Ids(0, 10));
        var copy = sketch.Clone();

        copy.Add("someone else");

        Assert.Equal(10, sketch.Estimate());
        Assert.Equal(11, copy.Estimate());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 9)]
    [InlineData(UserSketch.SparseLimit, 1 + (UserSketch.SparseLimit * 8))]
    [InlineData(UserSketch.SparseLimit + 1, 1 + 16_384)]
    public void Bytes_RoundTripAndAreCompact(int users, int expectedLength)
    {
        var sketch = Sketch(Ids(0, users));

        var bytes = sketch.ToBytes();
        var copy = UserSketch.FromBytes(bytes);

        Assert.Equal(expectedLength, bytes.Length);
        Assert.True(sketch.HasSameContent(copy));
        Assert.Equal(sketch.Estimate(), copy.Estimate());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 1, 1, 2, 3 })]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0 })]
    public void BytesThatAreNotASketch_AreRejected(byte[] bytes) =>
        Assert.Throws<FormatException>(() => UserSketch.FromBytes(bytes));

    [Fact]
    public void ADenseRegisterAboveItsLargestRank_IsRejected()
    {
        var bytes = Sketch(Ids(0, UserSketch.SparseLimit + 1)).ToBytes();
        bytes[100] = 52;

        Assert.Throws<FormatException>(() => UserSketch.FromBytes(bytes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300)]
    [InlineData(40_000)]
    public void OrleansSerializer_RoundTripsAndCopiesTheSketch(int users)
    {
        var sketch = Sketch(Ids(0, users));
        var state = new Dictionary<string, UserSketch> { ["pageview|/"] = sketch };

        var bytes = Serializer.SerializeToArray(state);
        var copy = Serializer.Deserialize<Dictionary<string, UserSketch>>(bytes)!["pageview|/"];
        var deepCopy = Services.GetRequiredService<DeepCopier<UserSketch>>().Copy(sketch)!;

        Assert.True(sketch.HasSameContent(copy));
        Assert.True(sketch.HasSameContent(deepCopy));
        Assert.NotSame(sketch, deepCopy);
        output.WriteLine($"{users} users: {bytes.Length} bytes through the Orleans serializer");
    }

    [Fact]
    public void ASketchOfOneUser_CostsAFewDozenBytes()
    {
        var id = "user-1";
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sketch = new UserSketch();
        sketch.Add(id);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"one user: {allocated} bytes allocated, {Serializer.SerializeToArray(sketch).Length} bytes serialized");
        Assert.InRange(allocated, 1, 96);
        Assert.Equal(1, sketch.Estimate());
    }

    [Fact]
    public void TheHash_IsXxHash64OfTheUtf8Bytes()
    {
        // Pinned: sketches stored or built elsewhere are merged with new ones, so the hash never changes.
        Assert.Equal(0xEF46DB3751D8E999UL, UserIdHash.Of(""));
        Assert.NotEqual(UserIdHash.Of("user-1"), UserIdHash.Of("User-1"));
    }

    [Fact]
    public void NullUserId_IsRejected() => Assert.Throws<ArgumentNullException>(() => new UserSketch().Add(null!));

    private void AssertClose(long expected, long estimate)
    {
        var error = (double)(estimate - expected) / expected;
        output.WriteLine($"{expected:N0} users: estimate {estimate:N0}, relative error {error:+0.000%;-0.000%}");
        Assert.InRange(Math.Abs(error), 0, MaxRelativeError);
    }

    private static IEnumerable<string> Ids(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            yield return "user-" + i.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static UserSketch Sketch(IEnumerable<string> ids)
    {
        var sketch = new UserSketch();
        foreach (var id in ids)
        {
            sketch.Add(id);
        }

        return sketch;
    }
}
