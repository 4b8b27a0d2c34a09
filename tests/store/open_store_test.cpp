// open_store chooses the store from the url.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/postgres/postgres_store.hpp"
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
