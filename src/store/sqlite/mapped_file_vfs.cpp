#include "store/sqlite/mapped_file_vfs.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <new>
#include <string>
#include <utility>

namespace phongdich {
namespace {

constexpr const char* kVfsName = "phongdich-mapped";

// Address space reserved for one file: at least this, or four times the file's
// size at the first map, so that the file grows into it without the map ever
// moving (pages SQLite holds stay valid). Only the pages touched cost memory,
// and only in page tables: the data is the kernel's page cache. Pages beyond
// it are read as usual.
constexpr int64_t kLeastReservedBytes = int64_t{64} << 30;

// One file's map, shared by every connection of the process, and kept for the
// life of the process.
//
// Its descriptor is never closed: closing any descriptor of a file drops every
// POSIX lock the process holds on that file, SQLite's own included. Held open,
// it also keeps the inode from being reused while the map lives.
struct Region {
  int fd = -1;
  const char* base = nullptr;  // nullptr: the file could not be mapped; read as usual
  int64_t reserved = 0;
};

Region map_file(int fd, int64_t size) {
  const int64_t reserved = std::max(kLeastReservedBytes, size * 4);
  void* base = ::mmap(nullptr, static_cast<size_t>(reserved), PROT_READ, MAP_SHARED, fd, 0);
  if (base == MAP_FAILED) return {fd, nullptr, 0};
  return {fd, static_cast<const char*>(base), reserved};
}

// The region of the file now at `path`. Looked up by inode before anything is
// opened, so that no descriptor of an already mapped file is ever opened (and
// so would have to be closed).
const Region& region_of(const std::string& path) {
  // Never destroyed, like the maps themselves: a connection closed by a thread
  // still running at exit must not find them gone.
  static auto* const mutex = new std::mutex;
  static auto* const regions = new std::map<std::pair<dev_t, ino_t>, Region>;
  static const Region unmapped;
  const std::lock_guard lock(*mutex);
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return unmapped;
  if (const auto found = regions->find({status.st_dev, status.st_ino}); found != regions->end()) {
    return found->second;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return unmapped;
  // The inode of what was opened: the path may have been renamed over since.
  if (::fstat(fd, &status) != 0) return unmapped;  // fd left open: see Region
  auto [it, added] = regions->try_emplace({status.st_dev, status.st_ino});
  if (added) it->second = map_file(fd, status.st_size);
  return it->second;
}

// Placed by xOpen in the block SQLite allocates (szOsFile); the default VFS's
// own file follows it in the same block.
struct MappedFile {
  sqlite3_file base;  // first: SQLite sees a sqlite3_file
  sqlite3_file* real = nullptr;
  std::string path;
  const Region* region = nullptr;  // set by the first fetch
  int64_t mmap_limit = 0;          // as PRAGMA mmap_size set it; 0: no fetches
  int64_t mapped_size = 0;         // the file's size when last looked at
};

sqlite3_vfs* default_vfs() {
  static sqlite3_vfs* const vfs = sqlite3_vfs_find(nullptr);
  return vfs;
}

MappedFile& mapped(sqlite3_file* file) { return *reinterpret_cast<MappedFile*>(file); }
sqlite3_file* real(sqlite3_file* file) { return mapped(file).real; }

void refresh_size(MappedFile& file) {
  struct stat status {};
  if (file.region != nullptr && ::fstat(file.region->fd, &status) == 0) {
    file.mapped_size = status.st_size;
  }
}

int mapped_close(sqlite3_file* file) {
  sqlite3_file* inner = real(file);
  const int rc = inner->pMethods != nullptr ? inner->pMethods->xClose(inner) : SQLITE_OK;
  mapped(file).~MappedFile();
  return rc;
}

int mapped_read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  return real(file)->pMethods->xRead(real(file), out, amount, offset);
}
int mapped_write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  return real(file)->pMethods->xWrite(real(file), data, amount, offset);
}
int mapped_truncate(sqlite3_file* file, sqlite3_int64 size) {
  // Pages past the new end must not be handed out any more.
  if (size < mapped(file).mapped_size) mapped(file).mapped_size = size;
  return real(file)->pMethods->xTruncate(real(file), size);
}
int mapped_sync(sqlite3_file* file, int flags) {
  return real(file)->pMethods->xSync(real(file), flags);
}
int mapped_file_size(sqlite3_file* file, sqlite3_int64* size) {
  return real(file)->pMethods->xFileSize(real(file), size);
}
int mapped_lock(sqlite3_file* file, int level) {
  return real(file)->pMethods->xLock(real(file), level);
}
int mapped_unlock(sqlite3_file* file, int level) {
  return real(file)->pMethods->xUnlock(real(file), level);
}
int mapped_check_reserved_lock(sqlite3_file* file, int* out) {
  return real(file)->pMethods->xCheckReservedLock(real(file), out);
}
int mapped_file_control(sqlite3_file* file, int op, void* argument) {
  if (op == SQLITE_FCNTL_MMAP_SIZE) {
    // Kept here, not passed on: the default VFS would map the file itself.
    auto* limit = static_cast<sqlite3_int64*>(argument);
    const sqlite3_int64 previous = mapped(file).mmap_limit;
    if (*limit >= 0) mapped(file).mmap_limit = *limit;
    *limit = previous;
    return SQLITE_OK;
  }
  return real(file)->pMethods->xFileControl(real(file), op, argument);
}
int mapped_sector_size(sqlite3_file* file) { return real(file)->pMethods->xSectorSize(real(file)); }
int mapped_device_characteristics(sqlite3_file* file) {
  return real(file)->pMethods->xDeviceCharacteristics(real(file));
}
int mapped_shm_map(sqlite3_file* file, int region, int size, int extend, void volatile** out) {
  return real(file)->pMethods->xShmMap(real(file), region, size, extend, out);
}
int mapped_shm_lock(sqlite3_file* file, int offset, int count, int flags) {
  return real(file)->pMethods->xShmLock(real(file), offset, count, flags);
}
void mapped_shm_barrier(sqlite3_file* file) { real(file)->pMethods->xShmBarrier(real(file)); }
int mapped_shm_unmap(sqlite3_file* file, int delete_flag) {
  return real(file)->pMethods->xShmUnmap(real(file), delete_flag);
}

int mapped_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  *out = nullptr;  // "read it as usual"
  MappedFile& self = mapped(file);
  if (self.mmap_limit <= 0) return SQLITE_OK;
  if (self.region == nullptr) {
    self.region = &region_of(self.path);
    refresh_size(self);
  }
  if (self.region->base == nullptr) return SQLITE_OK;
  const int64_t end = offset + amount;
  if (end > self.mapped_size) refresh_size(self);
  if (end > self.mapped_size || end > self.region->reserved) return SQLITE_OK;
  *out = const_cast<char*>(self.region->base + offset);
  return SQLITE_OK;
}

int mapped_unfetch(sqlite3_file* file, sqlite3_int64 /*offset*/, void* page) {
  // A null page: SQLite drops its whole map, because the database changed or
  // the connection closes. The map stays; only the size is looked at again.
  if (page == nullptr) refresh_size(mapped(file));
  return SQLITE_OK;
}

const sqlite3_io_methods kMappedMethods = {
    3,
    mapped_close,
    mapped_read,
    mapped_write,
    mapped_truncate,
    mapped_sync,
    mapped_file_size,
    mapped_lock,
    mapped_unlock,
    mapped_check_reserved_lock,
    mapped_file_control,
    mapped_sector_size,
    mapped_device_characteristics,
    mapped_shm_map,
    mapped_shm_lock,
    mapped_shm_barrier,
    mapped_shm_unmap,
    mapped_fetch,
    mapped_unfetch,
};

constexpr size_t real_file_offset() {
  return (sizeof(MappedFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
         alignof(std::max_align_t);
}

int mapped_open(sqlite3_vfs* /*vfs*/, const char* name, sqlite3_file* file, int flags,
                int* out_flags) {
  sqlite3_vfs* inner = default_vfs();
  if ((flags & SQLITE_OPEN_MAIN_DB) == 0 || name == nullptr) {
    // The log, journals and temporary files: the default VFS's own file, in place.
    return inner->xOpen(inner, name, file, flags, out_flags);
  }
  auto* self = new (file) MappedFile();
  self->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + real_file_offset());
  self->path = name;
  const int rc = inner->xOpen(inner, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    // SQLite calls xClose only if pMethods is set; clean up here instead.
    if (self->real->pMethods != nullptr) self->real->pMethods->xClose(self->real);
    self->~MappedFile();
    file->pMethods = nullptr;
    return rc;
  }
  self->base.pMethods = &kMappedMethods;
  return SQLITE_OK;
}

sqlite3_vfs* make_vfs() {
  static sqlite3_vfs vfs = *default_vfs();
  vfs.zName = kVfsName;
  vfs.pNext = nullptr;
  vfs.szOsFile = static_cast<int>(real_file_offset()) + default_vfs()->szOsFile;
  vfs.xOpen = mapped_open;
  sqlite3_vfs_register(&vfs, 0);
  return &vfs;
}

}  // namespace

const char* mapped_file_vfs_name() {
  static sqlite3_vfs* const vfs = make_vfs();
  return vfs->zName;
}

}  // namespace phongdich
