using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Orleans.Counters.Ship.Input;

/// <summary>
/// Which file an open handle reads: its device and inode. A path that names another (device, inode)
/// than the file held open names another file, whatever its content; while the old file is held open
/// its inode cannot be given to a new file, so a file deleted and created anew is always told apart.
/// </summary>
/// <param name="Device">The device holding the file (major and minor number).</param>
/// <param name="Inode">The file's inode number on that device.</param>
public readonly partial record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>
    /// The identity of an open file, or null where it cannot be read (not Linux, or a kernel before
    /// 4.11). It comes from <c>statx(2)</c> on the handle rather than <c>stat</c>: <c>struct statx</c> has
    /// the same layout on every architecture (the kernel defines it, not the C library), while
    /// <c>struct stat</c> differs between x86-64 and arm64 and glibc only exported <c>stat</c> itself
    /// from 2.33 on. .NET has no API for inodes; the runtime's own shim (System.Native) is internal.
    /// </summary>
    public static FileIdentity? Of(SafeFileHandle handle) => OperatingSystem.IsLinux() ? Statx.Read(handle) : null;

    /// <inheritdoc />
    public override string ToString() => $"device {Device}, inode {Inode}";

    private static partial class Statx
    {
        // <linux/stat.h>: struct statx is 256 bytes; these are its fields' offsets.
        private const int Size = 256;
        private const int MaskOffset = 0;
        private const int InodeOffset = 32;
        private const int DeviceMajorOffset = 136;
        private const int DeviceMinorOffset = 140;
        private const int AtEmptyPath = 0x1000;
        private const uint StatxIno = 0x100;

        private static bool _unavailable;

        public static FileIdentity? Read(SafeFileHandle handle)
        {
            if (_unavailable)
            {
                return null;
            }

            Span<byte> buffer = stackalloc byte[Size];
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                // AT_EMPTY_PATH with an empty path: the file the descriptor refers to, like fstat.
                if (Call((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxIno, buffer) != 0)
                {
                    return null;
                }
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                // A C library without statx (glibc before 2.28): fall back to comparing content.
                _unavailable = true;
                return null;
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }

            if ((ReadUInt32(buffer, MaskOffset) & StatxIno) == 0)
            {
                return null;
            }

            var major = (ulong)ReadUInt32(buffer, DeviceMajorOffset);
            var minor = (ulong)ReadUInt32(buffer, DeviceMinorOffset);
            return new FileIdentity((major << 32) | minor, ReadUInt64(buffer, InodeOffset));
        }

        private static uint ReadUInt32(ReadOnlySpan<byte> buffer, int offset) => BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt32LittleEndian(buffer[offset..])
            : BinaryPrimitives.ReadUInt32BigEndian(buffer[offset..]);

        private static ulong ReadUInt64(ReadOnlySpan<byte> buffer, int offset) => BitConverter.IsLittleEndian
            ? BinaryPrimitives.ReadUInt64LittleEndian(buffer[offset..])
            : BinaryPrimitives.ReadUInt64BigEndian(buffer[offset..]);

        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int Call(int directory, string path, int flags, uint mask, Span<byte> buffer);
    }
}
