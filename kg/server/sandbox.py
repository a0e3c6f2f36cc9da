"""A second wall for query workers: after this, the process cannot open a network socket.

The first wall is the parse (``kg.stores.sparqlparse``): SERVICE is refused before a query
runs. Should a query ever slip past it (a difference between that parser and Oxigraph's,
which does SERVICE itself), the worker still cannot reach the network: a seccomp filter makes
``socket()`` for IPv4, IPv6 and raw packets fail with EACCES. Pipes to the server, the store's
files and Unix sockets keep working. Linux on x86-64 and AArch64 only; elsewhere the worker
says so and relies on the first wall.
"""

from __future__ import annotations

import ctypes
import platform
import socket
import struct

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_EACCES = 0x00050000 | 13  # SECCOMP_RET_ERRNO | EACCES
_X32_BIT = 0x40000000  # x86-64's x32 ABI numbers its system calls above this
# machine -> (AUDIT_ARCH_* of its system calls, number of socket(2))
_ARCHES = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}
_DENIED_FAMILIES = (socket.AF_INET, socket.AF_INET6, getattr(socket, "AF_PACKET", 17))


def _filter(arch: int, socket_nr: int) -> bytes:
    """The BPF program: on another architecture or the x32 ABI, refuse; socket(family, …) with a denied family, refuse."""
    ld, jeq, jge, ret = 0x20, 0x15, 0x35, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, …JGE…, BPF_RET|BPF_K
    program = [
        (ld, 0, 0, 4),                   # A = seccomp_data.arch
        (jeq, 1, 0, arch),               # same architecture: go on
        (ret, 0, 0, _RET_EACCES),
        (ld, 0, 0, 0),                   # A = seccomp_data.nr
        (jge, 0, 1, _X32_BIT),           # an x32 system call: refuse
        (ret, 0, 0, _RET_EACCES),
        (jeq, 0, 2 * len(_DENIED_FAMILIES) + 1, socket_nr),  # not socket(): on to "allow"
        (ld, 0, 0, 16),                  # A = low 32 bits of args[0], the address family
    ]
    for family in _DENIED_FAMILIES:
        program.append((jeq, 0, 1, family))
        program.append((ret, 0, 0, _RET_EACCES))
    program.append((ret, 0, 0, _RET_ALLOW))
    return b"".join(struct.pack("HBBI", *insn) for insn in program)


def deny_network() -> bool:
    """Install the filter on this process (inherited by its threads and children); False when this
    platform cannot. Irreversible, by design."""
    if platform.system() != "Linux" or platform.machine() not in _ARCHES:
        return False
    arch, socket_nr = _ARCHES[platform.machine()]
    code = _filter(arch, socket_nr)
    insns = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    prog = SockFprog(len(code) // 8, ctypes.addressof(insns))
    libc = ctypes.CDLL(None, use_errno=True)
    ulong = ctypes.c_ulong
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, ulong(1), ulong(0), ulong(0), ulong(0)) != 0:
        return False
    return libc.prctl(_PR_SET_SECCOMP, ulong(_SECCOMP_MODE_FILTER), ctypes.byref(prog), ulong(0), ulong(0)) == 0
