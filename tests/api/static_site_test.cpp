// The web application's files: content types, the application-route fallback
// to index.html, caching of hashed assets only, and no way out of the directory.
#include "api/static_site.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <vector>

#include "common/temp_dir.hpp"

namespace phongdich::testing {
namespace {

class StaticSiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "site/assets");
    write("site/index.html", "<!doctype html><title>phongdich</title>");
    write("site/assets/index-abc123.js", "console.log(1)");
    write("site/assets/index-abc123.js.gz", "GZ");
    write("site/assets/index-abc123.css", "body{}");
    write("secret.txt", "outside");
  }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::optional<api::HttpResponse> get(const std::string& path,
                                       std::map<std::string, std::string> headers = {}) {
    api::StaticSite site(dir_ / "site");
    api::HttpRequest request;
    request.method = "GET";
    request.path = path;
    request.headers = std::move(headers);
    return site.serve(request);
  }
  static std::string header(const api::HttpResponse& response, const std::string& name) {
    for (const auto& [n, v] : response.headers) {
      if (n == name) return v;
    }
    return "";
  }
  TempDir dir_;
};

TEST_F(StaticSiteTest, LeavesTheApiAndTheProbesToTheApi) {
  EXPECT_FALSE(get("/api/v1/auth/me"));
  EXPECT_FALSE(get("/api"));
  EXPECT_FALSE(get("/health"));
  EXPECT_FALSE(get("/ready"));
  api::StaticSite site(dir_ / "site");
  api::HttpRequest post;
  post.method = "POST";
  post.path = "/";
  EXPECT_FALSE(site.serve(post));
}

TEST_F(StaticSiteTest, ServesFilesWithTheirContentTypes) {
  auto page = get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(page->body, "<!doctype html><title>phongdich</title>");
  auto script = get("/assets/index-abc123.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(script->body, "console.log(1)");
  EXPECT_EQ(get("/assets/index-abc123.css")->content_type, "text/css; charset=utf-8");
}

TEST_F(StaticSiteTest, ApplicationRoutesGetTheIndexAndMissingFilesA404) {
  auto route = get("/registry/person/42");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->status, 200);
  EXPECT_EQ(route->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(get("/assets/gone-123.js")->status, 404);
}

TEST_F(StaticSiteTest, OnlyHashedAssetsMayBeCached) {
  // index.html keeps the server's Cache-Control: no-store, so a new build shows at once.
  EXPECT_EQ(header(*get("/"), "Cache-Control"), "");
  EXPECT_EQ(header(*get("/assets/index-abc123.js"), "Cache-Control"),
            "public, max-age=31536000, immutable");
  const std::string etag = header(*get("/assets/index-abc123.js"), "ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(get("/assets/index-abc123.js", {{"if-none-match", etag}})->status, 304);
}

TEST_F(StaticSiteTest, SendsThePrecompressedAssetToClientsThatAcceptGzip) {
  auto zipped = get("/assets/index-abc123.js", {{"accept-encoding", "gzip, deflate"}});
  EXPECT_EQ(zipped->body, "GZ");
  EXPECT_EQ(header(*zipped, "Content-Encoding"), "gzip");
  EXPECT_EQ(get("/assets/index-abc123.js")->body, "console.log(1)");
}

TEST_F(StaticSiteTest, NeverLeavesItsDirectory) {
  for (const std::string& path : std::vector<std::string>{
           "/../secret.txt", "/assets/../../secret.txt", "/..", "/./index.html",
           "/a\\..\\secret.txt", std::string("/index.html\0x", 13)}) {
    auto answer = get(path);
    ASSERT_TRUE(answer) << path;
    EXPECT_EQ(answer->status, 404) << path;
    EXPECT_EQ(answer->body.find("outside"), std::string::npos) << path;
  }
  // A symbolic link inside that points outside is refused too.
  std::filesystem::create_symlink(dir_ / "secret.txt", dir_ / "site/link.txt");
  EXPECT_EQ(get("/link.txt")->status, 404);
}

TEST_F(StaticSiteTest, WithoutABuiltApplicationEverythingGoesToTheApi) {
  api::StaticSite site(dir_ / "nothing-here");
  EXPECT_FALSE(site.available());
  api::HttpRequest request;
  request.method = "GET";
  request.path = "/";
  EXPECT_FALSE(site.serve(request));
}

}  // namespace
}  // namespace phongdich::testing
