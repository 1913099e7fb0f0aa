using System.Buffers.Binary;

namespace Orleans.Counters.Uniques;

/// <summary>
/// The distinct users of one series in one period. Exact while small: up to
/// <see cref="SparseLimit"/> users it keeps their 64-bit hashes (see <see cref="UserIdHash"/>),
/// and two different ids share a hash with odds of about n²/2⁶⁵, some 10⁻¹³ at that size. Past it,
/// a HyperLogLog of 2^14 one-byte registers, off by 0.81 % (one standard error) at any size.
/// </summary>
/// <remarks>
/// <para>
/// What a sketch holds is a function of the set of hashes added to it, directly or through
/// <see cref="Merge"/>: the hashes themselves while there are at most <see cref="SparseLimit"/>,
/// else the registers of all of them. So merging is a set union: commutative, associative and
/// idempotent. A parent may take the same child's sketch twice, or an older and a newer one,
/// and count every user once.
/// </para>
/// <para>
/// Not thread-safe: a grain owns it. Orleans serializes it through <see cref="ToBytes"/>
/// (see <see cref="UserSketchConverter"/>), which is also the form to store it in outside Orleans.
/// </para>
/// </remarks>
public sealed class UserSketch
{
    /// <summary>
    /// The most users counted exactly: as many 8-byte hashes as fit in the 16,384 bytes of the
    /// dense registers, so the exact form is never the larger one.
    /// </summary>
    public const int SparseLimit = HyperLogLogRegisters.Count / sizeof(ulong);

    private const byte SparseFormat = 1;
    private const byte DenseFormat = 2;

    // Sorted ascending; the first _count are the hashes. Empty once the sketch is dense.
    private ulong[] _hashes = [];
    private int _count;
    private byte[]? _registers;

    /// <summary>True while the sketch still holds every hash, so <see cref="Estimate"/> is exact.</summary>
    public bool IsExact => _registers is null;

    /// <summary>Counts <paramref name="userId"/>; adding an id again changes nothing.</summary>
    public void Add(string userId) => AddHash(UserIdHash.Of(userId));

    /// <summary>Counts a user by its <see cref="UserIdHash"/>; adding a hash again changes nothing.</summary>
    public void AddHash(ulong hash)
    {
        if (_registers is not null)
        {
            HyperLogLogRegisters.Add(_registers, hash);
            return;
        }

        var index = Array.BinarySearch(_hashes, 0, _count, hash);
        if (index >= 0)
        {
            return;
        }

        if (_count == SparseLimit)
        {
            MakeDense();
            HyperLogLogRegisters.Add(_registers!, hash);
            return;
        }

        index = ~index;
        if (_count == _hashes.Length)
        {
            Array.Resize(ref _hashes, Math.Max(1, _count * 2));
        }

        Array.Copy(_hashes, index, _hashes, index + 1, _count - index);
        _hashes[index] = hash;
        _count++;
    }

    /// <summary>
    /// Adds every user of <paramref name="other"/> to this sketch, which becomes the sketch of the
    /// union. <paramref name="other"/> is left as it was.
    /// </summary>
    public void Merge(UserSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(this, other) || (other._registers is null && other._count == 0))
        {
            return;
        }

        if (other._registers is not null)
        {
            MakeDense();
            HyperLogLogRegisters.Merge(_registers!, other._registers);
        }
        else if (_registers is not null)
        {
            foreach (var hash in other._hashes.AsSpan(0, other._count))
            {
                HyperLogLogRegisters.Add(_registers, hash);
            }
        }
        else
        {
            UnionSparse(other._hashes.AsSpan(0, other._count));
        }
    }

    /// <summary>The number of distinct users: exact while <see cref="IsExact"/>, else a HyperLogLog estimate.</summary>
    public long Estimate() => _registers is null ? _count : HyperLogLogRegisters.Estimate(_registers);

    /// <summary>An independent copy.</summary>
    public UserSketch Clone() => new()
    {
        _hashes = _hashes[.._count],
        _count = _count,
        _registers = (byte[]?)_registers?.Clone(),
    };

    /// <summary>True when both sketches hold the same hashes, or the same registers.</summary>
    public bool HasSameContent(UserSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _registers is null
            ? other._registers is null && _hashes.AsSpan(0, _count).SequenceEqual(other._hashes.AsSpan(0, other._count))
            : other._registers is not null && _registers.AsSpan().SequenceEqual(other._registers);
    }

    /// <summary>
    /// The sketch as bytes: a format byte, then either the sorted hashes, 8 bytes each little-endian
    /// (9 bytes for one user), or the 16,384 registers.
    /// </summary>
    public byte[] ToBytes()
    {
        if (_registers is not null)
        {
            var dense = new byte[1 + HyperLogLogRegisters.Count];
            dense[0] = DenseFormat;
            _registers.CopyTo(dense, 1);
            return dense;
        }

        var sparse = new byte[1 + (_count * sizeof(ulong))];
        sparse[0] = SparseFormat;
        for (var i = 0; i < _count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(sparse.AsSpan(1 + (i * sizeof(ulong))), _hashes[i]);
        }

        return sparse;
    }

    /// <summary>The sketch that <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not a sketch.</exception>
    public static UserSketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new FormatException("A user sketch has at least its format byte.");
        }

        var body = bytes[1..];
        return bytes[0] switch
        {
            SparseFormat => ReadSparse(body),
            DenseFormat => ReadDense(body),
            var format => throw new FormatException($"Unknown user sketch format {format}."),
        };
    }

    private static UserSketch ReadSparse(ReadOnlySpan<byte> body)
    {
        if (body.Length % sizeof(ulong) != 0 || body.Length / sizeof(ulong) > SparseLimit)
        {
            throw new FormatException($"An exact user sketch holds up to {SparseLimit} 8-byte hashes; got {body.Length} bytes.");
        }

        var hashes = new ulong[body.Length / sizeof(ulong)];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(body[(i * sizeof(ulong))..]);
            if (i > 0 && hashes[i] <= hashes[i - 1])
            {
                throw new FormatException("The hashes of an exact user sketch must be distinct and ascending.");
            }
        }

        return new UserSketch { _hashes = hashes, _count = hashes.Length };
    }

    private static UserSketch ReadDense(ReadOnlySpan<byte> body)
    {
        if (body.Length != HyperLogLogRegisters.Count)
        {
            throw new FormatException($"A dense user sketch has {HyperLogLogRegisters.Count} registers; got {body.Length} bytes.");
        }

        if (body.IndexOfAnyInRange((byte)(HyperLogLogRegisters.MaxRank + 1), byte.MaxValue) >= 0)
        {
            throw new FormatException($"A register of a dense user sketch is at most {HyperLogLogRegisters.MaxRank}.");
        }

        return new UserSketch { _registers = body.ToArray() };
    }

    private void UnionSparse(ReadOnlySpan<ulong> other)
    {
        var mine = _hashes.AsSpan(0, _count);
        var union = new ulong[mine.Length + other.Length];
        int i = 0, j = 0, n = 0;
        while (i < mine.Length && j < other.Length)
        {
            var a = mine[i];
            var b = other[j];
            union[n++] = a <= b ? a : b;
            i += a <= b ? 1 : 0;
            j += b <= a ? 1 : 0;
        }

        mine[i..].CopyTo(union.AsSpan(n));
        n += mine.Length - i;
        other[j..].CopyTo(union.AsSpan(n));
        n += other.Length - j;

        _count = n;
        if (n > SparseLimit)
        {
            _hashes = union;
            MakeDense();
        }
        else
        {
            // Trimmed: with a million series, spare room left by merges would add up.
            _hashes = n == union.Length ? union : union[..n];
        }
    }

    private void MakeDense()
    {
        if (_registers is not null)
        {
            return;
        }

        var registers = new byte[HyperLogLogRegisters.Count];
        foreach (var hash in _hashes.AsSpan(0, _count))
        {
            HyperLogLogRegisters.Add(registers, hash);
        }

        _registers = registers;
        _hashes = [];
        _count = 0;
    }
}
