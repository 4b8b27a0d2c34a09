// The mapped-file VFS: a reader through it reads what the file holds, through
// another connection's commits, checkpoints and growth, from one map per file.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "store/sqlite/sqlite_db.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

constexpr int kPageSize = 4096;

sqlite3_file* main_file(SqliteDb& db) {
  sqlite3_file* file = nullptr;
  EXPECT_EQ(sqlite3_file_control(db.handle(), "main", SQLITE_FCNTL_FILE_POINTER, &file), SQLITE_OK);
  return file;
}

// Where the VFS maps page `page` (1-based), or nullptr: "read it as usual".
const char* fetch(SqliteDb& db, int64_t page) {
  sqlite3_file* file = main_file(db);
  void* data = nullptr;
  const int64_t offset = (page - 1) * kPageSize;
  EXPECT_EQ(file->pMethods->xFetch(file, offset, kPageSize, &data), SQLITE_OK);
  if (data != nullptr) file->pMethods->xUnfetch(file, offset, data);
  return static_cast<const char*>(data);
}

std::string file_page(const std::string& path, int64_t page) {
  std::ifstream in(path, std::ios::binary);
  in.seekg((page - 1) * kPageSize);
  std::string bytes(kPageSize, '\0');
  in.read(bytes.data(), kPageSize);
  return bytes;
}

int64_t page_count(const std::string& path) {
  return static_cast<int64_t>(std::filesystem::file_size(path)) / kPageSize;
}

// The descriptors this process holds on `path`.
int descriptors_of(const std::string& path) {
  const auto target = std::filesystem::canonical(path);
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    std::error_code error;
    if (std::filesystem::read_symlink(entry.path(), error) == target) ++count;
  }
  return count;
}

class MappedFileVfs : public ::testing::Test {
 protected:
  void SetUp() override {
    writer_ = std::make_unique<SqliteDb>(path_);
    writer_->exec("PRAGMA page_size=" + std::to_string(kPageSize));
    writer_->query_text("PRAGMA journal_mode=WAL");
    writer_->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    add_rows(1, 1000, 'a');
    checkpoint();
  }

  std::unique_ptr<SqliteDb> open_reader(bool with_mmap_size = true) {
    auto reader = std::make_unique<SqliteDb>(path_, /*map_whole_file=*/true);
    if (with_mmap_size) reader->exec("PRAGMA mmap_size=1");
    return reader;
  }

  void add_rows(int first, int last, char fill) {
    run_in_transaction(*writer_, "BEGIN", [&] {
      Statement insert = writer_->prepare("INSERT INTO t(id, body) VALUES (?, ?)");
      for (int id = first; id <= last; ++id) {
        insert.bind(1, int64_t{id}).bind(2, std::string(200, fill)).run();
      }
    });
  }

  // Copies the log into the database file and empties it, so that every page
  // is then read from the file (through the map), none from the log.
  void checkpoint() { writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

  TempDir dir_;
  std::string path_ = dir_.file("mapped.db");
  std::unique_ptr<SqliteDb> writer_;
};

TEST_F(MappedFileVfs, HandsOutTheFilesPagesFromTheMap) {
  auto reader = open_reader();
  EXPECT_EQ(reader->query_int64("SELECT count(*) FROM t"), 1000);
  const int64_t last = page_count(path_);
  ASSERT_GT(last, 2);
  for (const int64_t page : {int64_t{2}, last}) {
    const char* mapped = fetch(*reader, page);
    ASSERT_NE(mapped, nullptr) << "page " << page;
    EXPECT_EQ(std::string(mapped, kPageSize), file_page(path_, page)) << "page " << page;
  }
  EXPECT_EQ(fetch(*reader, last + 1), nullptr) << "a page past the end of the file";
}

TEST_F(MappedFileVfs, MapsNothingWithoutAnMmapSize) {
  auto reader = open_reader(/*with_mmap_size=*/false);
  EXPECT_EQ(reader->query_int64("SELECT count(*) FROM t"), 1000);
  EXPECT_EQ(fetch(*reader, 2), nullptr);
}

TEST_F(MappedFileVfs, ReadsAnotherConnectionsCommitsBeforeAndAfterTheCheckpoint) {
  auto reader = open_reader();
  const std::string select = "SELECT substr(body, 1, 1) FROM t WHERE id = 500";
  EXPECT_EQ(reader->query_text(select), "a");
  writer_->exec("UPDATE t SET body = '" + std::string(200, 'b') + "' WHERE id = 500");
  EXPECT_EQ(reader->query_text(select), "b") << "the page read from the log";
  checkpoint();
  EXPECT_EQ(reader->query_text(select), "b") << "the page read from the file, through the map";
  EXPECT_EQ(
      reader->query_int64("SELECT count(*) FROM t WHERE body = '" + std::string(200, 'b') + "'"),
      1);
}

TEST_F(MappedFileVfs, FollowsTheFileAsItGrows) {
  auto reader = open_reader();
  EXPECT_EQ(reader->query_int64("SELECT count(*) FROM t"), 1000);
  const int64_t pages_before = page_count(path_);
  add_rows(1001, 50'000, 'c');
  checkpoint();
  const int64_t pages_after = page_count(path_);
  ASSERT_GT(pages_after, pages_before * 10);
  EXPECT_EQ(reader->query_int64("SELECT count(*) FROM t WHERE body LIKE 'c%'"), 49'000);
  EXPECT_EQ(reader->query_int64("SELECT sum(length(body)) FROM t"), int64_t{50'000} * 200);
  const char* last = fetch(*reader, pages_after);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(std::string(last, kPageSize), file_page(path_, pages_after));
}

TEST_F(MappedFileVfs, SharesOneMapAndOneDescriptorAmongConnections) {
  auto first = open_reader();
  const char* page = fetch(*first, 2);
  ASSERT_NE(page, nullptr);
  const int descriptors = descriptors_of(path_);
  auto second = open_reader();
  EXPECT_EQ(fetch(*second, 2), page);
  auto third = open_reader();
  EXPECT_EQ(fetch(*third, 2), page);
  // SQLite's own descriptor for each new connection, and no second one for the map.
  EXPECT_EQ(descriptors_of(path_), descriptors + 2);
}

TEST_F(MappedFileVfs, KeepsTheMapWhenSqliteLetsGoOfIt) {
  // At the start of a read transaction after another connection's commit,
  // SQLite lets go of its whole map; the pages it maps next are the same ones.
  auto reader = open_reader();
  EXPECT_EQ(reader->query_int64("SELECT count(*) FROM t"), 1000);
  const char* before = fetch(*reader, 2);
  ASSERT_NE(before, nullptr);
  writer_->exec("UPDATE t SET body = 'z' WHERE id = 1");
  EXPECT_EQ(reader->query_int64("SELECT count(*) FROM t WHERE body = 'z'"), 1);
  EXPECT_EQ(fetch(*reader, 2), before);
}

TEST_F(MappedFileVfs, HandsOutNothingPastTheEndOfAFileItCutShort) {
  // SQLite cuts the file short in a checkpoint after VACUUM, through the
  // connection that checkpoints: the pages cut off must not be handed out.
  add_rows(1001, 50'000, 'c');
  checkpoint();
  const int64_t pages_before = page_count(path_);
  auto shrinking = open_reader();
  ASSERT_NE(fetch(*shrinking, pages_before), nullptr);
  shrinking->exec("DELETE FROM t WHERE id > 1000");
  shrinking->exec("VACUUM");
  shrinking->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const int64_t pages_after = page_count(path_);
  ASSERT_LT(pages_after * 10, pages_before);
  EXPECT_EQ(fetch(*shrinking, pages_before), nullptr);
  EXPECT_EQ(fetch(*shrinking, pages_after + 1), nullptr);
  const char* last = fetch(*shrinking, pages_after);
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(std::string(last, kPageSize), file_page(path_, pages_after));
  EXPECT_EQ(shrinking->query_int64("SELECT count(*) FROM t"), 1000);
}

}  // namespace
}  // namespace phongdich::testing
