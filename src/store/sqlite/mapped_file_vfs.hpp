// A SQLite VFS for read-mostly connections: the database file is mapped into
// memory once, whole, and stays mapped until the process ends.
//
// Why: a GET of one person at 10 M persons reads three or four pages that no
// connection's cache holds (the trees are far larger than any cache), each a
// pread system call and a 4 KB copy; on this kind of virtual machine a system
// call is dear. SQLite's own memory map would serve them with no call, but
// SQLite drops the whole map whenever it sees the database changed at the start
// of a read transaction, and the audit trail's read entries commit twice a
// second; the pages then fault in again one by one. Here the map outlives those
// commits: the file is mapped shared, so it always shows what the file holds,
// and SQLite still reads from the log any page that the log holds newer. SQLite
// also caps its map at 2 GB (Debian's build), less than a province's file.
//
// The map is one per file per process, shared by every connection opened
// through this VFS, and kept until the process ends. Pages are handed out only
// below the file's size as last seen (looked at again whenever SQLite reports
// the database changed, or asks beyond it); the rest is read as usual. SQLite
// itself shrinks the file only in a checkpoint after VACUUM, and only once no
// reader can still need the pages cut off; as with SQLite's own map, a file cut
// short by anything else under a running reader would kill the process
// (SIGBUS). The server runs no VACUUM.
//
// Only the main database file is mapped; the log, its index and journals pass
// straight to the default VFS. A connection turns the map on with any
// PRAGMA mmap_size above 0; the size itself is not a limit here.
#pragma once

namespace phongdich {

// Registers the VFS on first use (thread-safe) and returns its name, for
// sqlite3_open_v2.
const char* mapped_file_vfs_name();

}  // namespace phongdich
