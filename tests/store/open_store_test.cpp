// open_store chooses the store from the url.
#include <gtest/gtest.h>

#include <filesystem>

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

TEST(OpenStore, PostgresIsNotYetSupported) {
  try {
    open_store("postgres://localhost/phongdich");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("not yet supported"), std::string::npos) << e.what();
  }
}

TEST(OpenStore, EmptyPathIsRefused) { EXPECT_THROW(open_store("sqlite:"), StoreError); }

}  // namespace
}  // namespace phongdich::testing
