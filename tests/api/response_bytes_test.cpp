#include "api/response_bytes.hpp"

#include <gtest/gtest.h>

#include <string>

#include "api/http_server.hpp"

namespace phongdich::api {
namespace {

size_t count_of(const std::string& text, const std::string& part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

TEST(ResponseBytes, AnAnswerIsAStatusLineHeadersAndItsBody) {
  HttpResponse response;
  response.body = R"({"ok":true})";
  const std::string bytes = response_bytes(response, true);
  EXPECT_TRUE(bytes.starts_with("HTTP/1.1 200 OK\r\n")) << bytes;
  EXPECT_NE(bytes.find("\r\nContent-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(bytes.find("\r\nContent-Length: 11\r\n"), std::string::npos);
  EXPECT_TRUE(bytes.ends_with("\r\n\r\n" + response.body)) << bytes;
  for (const auto& [name, value] : kSecurityHeaders) {
    EXPECT_EQ(count_of(bytes, std::string("\r\n") + name + ": " + value + "\r\n"), 1u) << name;
  }
  EXPECT_EQ(bytes.find("Connection:"), std::string::npos);
}

TEST(ResponseBytes, TheLastAnswerOfAConnectionSaysSo) {
  HttpResponse response;
  response.status = 413;
  const std::string bytes = response_bytes(response, false);
  EXPECT_TRUE(bytes.starts_with("HTTP/1.1 413 Payload Too Large\r\n")) << bytes;
  EXPECT_NE(bytes.find("\r\nConnection: close\r\n"), std::string::npos);
}

TEST(ResponseBytes, AHeaderTheHandlerNamesReplacesTheStandardOne) {
  HttpResponse response;
  response.content_type = "text/css";
  response.headers = {{"cache-control", "public, max-age=31536000, immutable"}, {"ETag", "\"x\""}};
  const std::string bytes = response_bytes(response, true);
  EXPECT_EQ(count_of(bytes, "ache-Control:") + count_of(bytes, "ache-control:"), 1u) << bytes;
  EXPECT_NE(bytes.find("\r\ncache-control: public, max-age=31536000, immutable\r\n"),
            std::string::npos);
  EXPECT_NE(bytes.find("\r\nETag: \"x\"\r\n"), std::string::npos);
  EXPECT_NE(bytes.find("\r\nContent-Type: text/css\r\n"), std::string::npos);
}

TEST(ResponseBytes, AnswersWithoutABodyHaveNoLength) {
  for (const int status : {204, 304}) {
    HttpResponse response;
    response.status = status;
    const std::string bytes = response_bytes(response, true);
    EXPECT_EQ(bytes.find("Content-Length"), std::string::npos) << bytes;
    EXPECT_TRUE(bytes.ends_with("\r\n\r\n")) << bytes;
  }
}

// A value from a handler that holds a line break would let a client's data
// add headers of its own, or a second answer: such a header is not sent.
TEST(ResponseBytes, AHeaderWithALineBreakIsNotSent) {
  HttpResponse response;
  response.headers = {{"Location", "/a\r\nSet-Cookie: x=1"}, {"Retry-After", "60"}};
  response.body = "{}";
  const std::string bytes = response_bytes(response, true);
  EXPECT_EQ(bytes.find("Set-Cookie"), std::string::npos) << bytes;
  EXPECT_EQ(bytes.find("Location"), std::string::npos) << bytes;
  EXPECT_NE(bytes.find("\r\nRetry-After: 60\r\n"), std::string::npos);
  EXPECT_EQ(count_of(bytes, "\r\n\r\n"), 1u);
}

TEST(ResponseBytes, TheHandlerCannotSetTheLengthOrTheConnection) {
  HttpResponse response;
  response.body = "abc";
  response.headers = {{"Content-Length", "999"}, {"Connection", "keep-alive"}};
  const std::string bytes = response_bytes(response, false);
  EXPECT_EQ(count_of(bytes, "Content-Length"), 1u);
  EXPECT_NE(bytes.find("\r\nContent-Length: 3\r\n"), std::string::npos);
  EXPECT_EQ(bytes.find("keep-alive"), std::string::npos);
  EXPECT_NE(bytes.find("\r\nConnection: close\r\n"), std::string::npos);
}

}  // namespace
}  // namespace phongdich::api
