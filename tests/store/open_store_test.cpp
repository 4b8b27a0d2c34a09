// open_store chooses the store from the url.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_db.hpp"
#include "store/store.hpp"
#include "store/store_fixture.hpp"

namespace phongdich::testing {
namespace {

TEST(OpenStore, BarePathCreatesAnSqliteFile) {
  TempDir dir;
  const std::string path = dir.file("bare.db");
  auto store = open_store(path);
  store->set_meta("k", "v");
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(open_store(path)->meta("k"), "v");
}

TEST(OpenStore, SqliteUrlNamesTheSameFile) {
  TempDir dir;
  const std::string path = dir.file("url.db");
  open_store(path)->set_meta("k", "v");
  EXPECT_EQ(open_store("sqlite:" + path)->meta("k"), "v");
  EXPECT_EQ(open_store("sqlite://" + path)->meta("k"), "v");  // path is absolute: sqlite:///tmp/...
}

TEST(OpenStore, AnOpenWaitsWhileAnotherConnectionHoldsTheFileLocked) {
  // Stands in for the last connection of another process checkpointing the log
  // as it closes: the open must wait for the lock, not fail with "database is locked".
  TempDir dir;
  const std::string path = dir.file("locked.db");
  open_store(path)->set_meta("k", "v");
  auto holder = std::make_unique<SqliteDb>(path);
  holder->exec("PRAGMA locking_mode=EXCLUSIVE");
  holder->exec("BEGIN EXCLUSIVE");
  std::thread release([&holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    holder.reset();  // an exclusive locking mode keeps the lock until the close
  });
  std::string read;
  EXPECT_NO_THROW(read = open_store(path)->meta("k").value_or(""));
  release.join();
  EXPECT_EQ(read, "v");
}

// The lengths of this process's memory maps of `path` (/proc/self/maps).
std::vector<uint64_t> mapped_lengths(const std::string& path) {
  std::vector<uint64_t> lengths;
  std::ifstream maps("/proc/self/maps");
  const std::string canonical = std::filesystem::canonical(path).string();
  for (std::string line; std::getline(maps, line);) {
    if (!line.ends_with(" " + canonical)) continue;
    const size_t dash = line.find('-');
    const size_t space = line.find(' ', dash);
    lengths.push_back(std::stoull(line.substr(dash + 1, space - dash - 1), nullptr, 16) -
                      std::stoull(line.substr(0, dash), nullptr, 16));
  }
  return lengths;
}

TEST(OpenStore, AReadOnlyStoreReadsTheFileThroughTheKeptMap) {
  // The server's readers: the whole file mapped once, with room to grow
  // (mapped_file_vfs.hpp), not SQLite's own map of at most 2 GB.
  TempDir dir;
  const std::string path = dir.file("read_only.db");
  open_store(path)->set_meta("k", "v");  // closed again, and with it SQLite's own map
  ASSERT_TRUE(mapped_lengths(path).empty());
  auto reader = open_store(path, OpenMode::read_only);
  EXPECT_EQ(reader->meta("k"), "v");
  const std::vector<uint64_t> lengths = mapped_lengths(path);
  ASSERT_EQ(lengths.size(), 1u);
  EXPECT_GE(lengths[0], uint64_t{64} << 30);
}

TEST(OpenStore, PostgresUrlOpensThePostgresStore) {
  const auto server = test_postgres_url();
  if (!server) GTEST_SKIP() << kNoPostgresMessage;
  PostgresTestSchema schema(*server);
  for (const std::string scheme : {"postgres://", "postgresql://"}) {
    const std::string url = scheme + schema.url().substr(schema.url().find("://") + 3);
    auto store = open_store(url);
    EXPECT_NE(dynamic_cast<PostgresStore*>(store.get()), nullptr) << url;
    store->set_meta("scheme", scheme);
    EXPECT_EQ(open_store(url)->meta("scheme"), scheme);
  }
}

TEST(OpenStore, UnreachablePostgresServerFailsWithoutShowingThePassword) {
  try {
    open_store("postgres://phongdich:s3cret-word@127.0.0.1:1/phongdich?connect_timeout=2");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot connect"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cret-word"), std::string::npos) << message;
  }
}

TEST(OpenStore, EmptyPathIsRefused) { EXPECT_THROW(open_store("sqlite:"), StoreError); }

}  // namespace
}  // namespace phongdich::testing
