// What the API does with requests it must refuse: malformed or mistyped JSON,
// wrong content types, oversized bodies and headers, slow clients, unknown
// paths and methods, path tricks. Every refusal is a clean JSON error that
// leaks nothing of the implementation, and every answer carries the security
// headers.
#include <boost/asio.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "api/api_fixture.hpp"

namespace phongdich::testing {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// Words that would betray the implementation (storage, language, file layout).
const char* const kLeaks[] = {"sqlite", "sql", "/work", "std::", "exception"};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

void expect_security_headers(const HttpAnswer& answer, const std::string& what) {
  for (const auto& [name, value] : api::kSecurityHeaders) {
    const auto it = answer.headers.find(lower(name));
    ASSERT_NE(it, answer.headers.end()) << what << ": no " << name;
    EXPECT_EQ(it->second, value) << what << ": " << name;
  }
}

// A refusal as the API promises it: the status, a JSON error with the code and
// both messages, nothing of the implementation, the security headers.
void expect_error(const HttpAnswer& answer, int status, const std::string& code,
                  const std::string& what) {
  EXPECT_EQ(answer.status, status) << what << ": " << answer.body;
  const auto json = answer.json();
  ASSERT_TRUE(json.is_object() && json.contains("error")) << what << ": " << answer.body;
  const auto& error = json["error"];
  if (!code.empty()) {
    EXPECT_EQ(error.value("code", ""), code) << what << ": " << answer.body;
  }
  EXPECT_FALSE(error.value("code", "").empty()) << what;
  EXPECT_FALSE(error.value("message_vi", "").empty()) << what;
  EXPECT_FALSE(error.value("message_en", "").empty()) << what;
  const std::string body = lower(answer.body);
  for (const char* leak : kLeaks) {
    EXPECT_EQ(body.find(leak), std::string::npos) << what << " leaks \"" << leak << "\": " << body;
  }
  const auto type = answer.headers.find("content-type");
  EXPECT_TRUE(type != answer.headers.end() && type->second == "application/json") << what;
  expect_security_headers(answer, what);
}

// The field the first violation of a 400 request.field names.
std::string field_named(const HttpAnswer& answer) {
  const auto json = answer.json();
  if (!json.is_object() || !json.contains("error")) return "";
  const auto& violations = json["error"]["violations"];
  if (!violations.is_array() || violations.empty()) return "";
  return violations[0].value("field", "");
}

// Sends raw bytes on a new connection and reads whatever comes back until the
// server closes (or `limit` passes). Used where the fixture's client cannot
// express the request.
std::string raw_exchange(uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  boost::system::error_code ec;
  net::write(socket, net::buffer(bytes), ec);
  socket.non_blocking(true);
  std::string received;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  char chunk[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    const size_t n = socket.read_some(net::buffer(chunk), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (ec) break;  // closed or reset
    received.append(chunk, n);
  }
  return received;
}

const std::string kPersonBody =
    R"({"full_name":"Lê Văn Cường","sex":"male","birth_date":"1990-02-03","area":"vn2022:27208"})";

class RequestLimits : public ApiTest {
 protected:
  RequestLimits() : token_(login("commune_staff")) {}

  std::string token_;
};

TEST_F(RequestLimits, MalformedJsonIsRequestJson) {
  const char* const bodies[] = {"{", "{\"full_name\":}", "not json", "{\"a\":1}}", "\xff\xfe"};
  for (const char* body : bodies) {
    expect_error(post("/api/v1/persons", token_, body), 400, "request.json", body);
  }
}

TEST_F(RequestLimits, NonObjectBodiesAreRequestJson) {
  // The code refuses any top-level value but an object before looking at fields.
  for (const char* body : {"[1,2]", R"(["full_name"])", "42", R"("text")", "null", "true"}) {
    expect_error(post("/api/v1/persons", token_, body), 400, "request.json", body);
  }
}

TEST_F(RequestLimits, WrongFieldTypesNameTheField) {
  struct Row {
    std::string field;
    std::string value;  // JSON
  };
  // clang-format off
  const Row rows[] = {
    {"full_name",     "123"},
    {"full_name",     R"(["Lê Văn Cường"])"},
    {"comorbidities", R"("1;2")"},
    {"comorbidities", R"(["1"])"},
    {"comorbidities", "1.5"},
    {"pregnant",      R"("yes")"},
    {"phone",         "84901234567"},
    {"area",          "772"},
    {"sex",           "{}"},
  };
  // clang-format on
  for (const Row& row : rows) {
    auto body = nlohmann::json::parse(kPersonBody);
    body[row.field] = nlohmann::json::parse(row.value);
    const HttpAnswer answer = post("/api/v1/persons", token_, body.dump());
    expect_error(answer, 400, "request.field", row.field + "=" + row.value);
    EXPECT_EQ(field_named(answer), row.field) << row.value << ": " << answer.body;
  }
}

TEST_F(RequestLimits, UnknownFieldIsRefusedByName) {
  auto body = nlohmann::json::parse(kPersonBody);
  body["is_admin"] = true;
  const HttpAnswer answer = post("/api/v1/persons", token_, body.dump());
  expect_error(answer, 400, "request.field", "unknown field");
  EXPECT_EQ(field_named(answer), "is_admin");

  // Also on a dose and a login body.
  const HttpAnswer dose = post("/api/v1/persons/" + std::to_string(inside_person_) + "/doses",
                               token_, R"({"date":"2022-09-20","product":"PFIZER","x":1})");
  expect_error(dose, 400, "request.field", "unknown dose field");
  EXPECT_EQ(field_named(dose), "x");
  const HttpAnswer login_answer =
      call("POST", "/api/v1/auth/login", "",
           R"({"username":"commune_staff","password":"x","role":"administrator"})");
  expect_error(login_answer, 400, "request.field", "unknown login field");
  EXPECT_EQ(field_named(login_answer), "role");
}

TEST_F(RequestLimits, WrongContentTypeIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "text/csv",
                           "multipart/form-data; boundary=x", "application/jsonp"}) {
    const HttpAnswer answer =
        call("POST", "/api/v1/persons", token_, kPersonBody,
             {{"content-type", type}, {"idempotency-key", "ct-" + std::to_string(++next_key_)}});
    // "application/jsonp" starts with "application/json": the code accepts the prefix.
    if (std::string(type) == "application/jsonp") {
      EXPECT_NE(answer.status, 500) << answer.body;
      continue;
    }
    expect_error(answer, 415, "request.content_type", type);
  }
  // The login route too, without a token.
  expect_error(
      call("POST", "/api/v1/auth/login", "", R"({"username":"commune_staff","password":"x"})",
           {{"content-type", "text/plain"}}),
      415, "request.content_type", "login text/plain");
}

TEST_F(RequestLimits, BodyOverOneMebibyteIs413) {
  // The declared length is over the limit: the server answers as soon as it has
  // the header (as curl expects with "Expect: 100-continue") and sends no 100.
  const std::string header =
      "POST /api/v1/persons HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string((1 << 20) + 1) + "\r\n\r\n";
  const std::string answer = raw_exchange(port(), header);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("request.too_large"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("100 Continue"), std::string::npos) << answer;

  // A whole body just over the limit, sent at once.
  const std::string big = "{\"full_name\":\"" + std::string((1 << 20) + 16, 'a') + "\"}";
  const HttpAnswer sent = post("/api/v1/persons", token_, big);
  expect_error(sent, 413, "request.too_large", "1 MiB body");

  // Exactly at the limit is read and judged on its content.
  const std::string at_limit(1 << 20, ' ');
  const HttpAnswer fits = post("/api/v1/persons", token_, at_limit);
  expect_error(fits, 400, "request.json", "1 MiB of spaces");
}

TEST_F(RequestLimits, UploadsMayBeLargerThanJsonBodies) {
  // A CSV upload of 1.5 MiB declares its length up front: it must reach the
  // import, not be held to the 1 MiB JSON limit.
  const std::string csv = "person_ref,full_name\n" + std::string(3 << 19, '\n');
  const HttpAnswer answer =
      call("POST", std::string("/api/v1/imports/persons?area=") + kInsideCommune, token_, csv,
           {{"content-type", "text/csv"}, {"idempotency-key", "upload-1"}});
  EXPECT_NE(answer.status, 413) << answer.body;
  EXPECT_LT(answer.status, 500) << answer.body;
}

// Uploads of 256 KiB and more are read past the HTTP parser, straight into the
// request: the bytes that came with the header, the rest, and nothing of the
// request after it.
TEST_F(RequestLimits, ALargeUploadIsReadWholeAndTheNextRequestAfterIt) {
  std::string csv = "person_ref,full_name,sex,birth_date,commune_code\n";
  int rows = 0;
  while (csv.size() < 600 * 1024) {
    csv += "big-" + std::to_string(rows++) + ",Hồ Văn Thử,M,1980-01-01,27208\n";
  }
  // In one write: the upload and, pipelined behind it, a request that closes.
  const std::string bytes =
      "POST /api/v1/imports/persons?area=" + std::string(kInsideCommune) +
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token_ +
      "\r\nContent-Type: text/csv\r\nIdempotency-Key: big-upload\r\nContent-Length: " +
      std::to_string(csv.size()) + "\r\n\r\n" + csv +
      "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  const std::string answers = raw_exchange(port(), bytes);
  ASSERT_TRUE(answers.starts_with("HTTP/1.1 202")) << answers.substr(0, 300);
  const size_t second = answers.find("HTTP/1.1 ", 1);
  ASSERT_NE(second, std::string::npos) << "the request after the upload was not answered";
  EXPECT_TRUE(answers.compare(second, 12, "HTTP/1.1 200") == 0) << answers.substr(second, 200);

  // Every byte arrived: the file's length, and every row read.
  const size_t json_at = answers.find("\r\n\r\n") + 4;
  const auto queued =
      nlohmann::json::parse(answers.substr(json_at, second - json_at), nullptr, false);
  ASSERT_TRUE(queued.is_object()) << answers.substr(0, second);
  EXPECT_EQ(queued["bytes_total"], csv.size());
  const nlohmann::json state = import_at_end(queued["id"], token_);
  EXPECT_EQ(state["status"], "finished") << state.dump();
  EXPECT_EQ(state["rows_read"], rows) << state.dump();
  EXPECT_EQ(state["rows_imported"], rows) << state.dump();
}

TEST_F(RequestLimits, AnUploadCutShortIsDroppedAndTheServerGoesOn) {
  {
    net::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port()));
    const std::string header =
        "POST /api/v1/imports/persons HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer " +
        token_ + "\r\nContent-Type: text/csv\r\nContent-Length: " + std::to_string(8 << 20) +
        "\r\n\r\n";
    net::write(socket, net::buffer(header + std::string(300 * 1024, 'x')));
  }  // closed with 7.7 MiB of the body still owed
  EXPECT_EQ(call("GET", "/health").status, 200);
  // Nothing of it is stored: the server saw the connection end before the body.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::error_code error;
  EXPECT_TRUE(std::filesystem::is_empty(service_options_.import_dir, error) || error)
      << "an upload was stored from half a body";
}

TEST_F(RequestLimits, ChunkedBodyOverTheLimitIs413) {
  // No length declared: the limit is found while reading.
  std::string request =
      "POST /api/v1/persons HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'a');
  for (int i = 0; i < 17; ++i) request += "10000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  const std::string answer = raw_exchange(port(), request);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer.substr(0, 200);
}

TEST_F(RequestLimits, HeaderOver16KibIs431) {
  const HttpAnswer answer =
      call("GET", "/api/v1/auth/me", token_, "", {{"x-padding", std::string(17 * 1024, 'p')}});
  expect_error(answer, 431, "request.headers_too_large", "17 KiB header");
  // Many small headers add up the same way.
  std::map<std::string, std::string> many;
  for (int i = 0; i < 200; ++i) many["x-h" + std::to_string(i)] = std::string(100, 'v');
  expect_error(call("GET", "/health", "", "", many), 431, "request.headers_too_large",
               "200 headers");
  // Under the limit is served.
  EXPECT_EQ(call("GET", "/health", "", "", {{"x-padding", std::string(8 * 1024, 'p')}}).status,
            200);
}

TEST_F(RequestLimits, SlowClientIsCutAfterTheReadTimeout) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port()));
  net::write(socket, net::buffer(std::string("GET /hea")));
  socket.non_blocking(true);
  const std::string rest = "lth HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  const auto start = std::chrono::steady_clock::now();
  bool closed = false;
  size_t next = 0;
  while (!closed && std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    boost::system::error_code ec;
    // One byte at a time, never the whole request (the last byte is held back).
    if (next + 1 < rest.size()) net::write(socket, net::buffer(&rest[next++], 1), ec);
    if (ec) {
      closed = true;
      break;
    }
    char byte = 0;
    socket.read_some(net::buffer(&byte, 1), ec);
    closed = ec && ec != net::error::would_block;
  }
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(closed) << "the server kept a trickling connection for 10 s";
  EXPECT_LT(took, std::chrono::seconds(10));
  // The server still serves others.
  EXPECT_EQ(call("GET", "/health").status, 200);
}

// A page of nothing is refused on every list (the fuzzer once found an audit
// search with limit=0 reading past the end of an empty page).
TEST_F(RequestLimits, APageOfZeroIsRefusedOnEveryList) {
  const std::pair<std::string, std::string> lists[] = {
      {"commune_staff", "/api/v1/persons?limit=0"},
      {"commune_staff", "/api/v1/due-lists/vn2022:27208?limit=0"},
      {"administrator", "/api/v1/users?limit=0"},
      {"auditor", "/api/v1/audit?action=login.&limit=0"},
  };
  for (const auto& [account, target] : lists) {
    expect_error(call("GET", target, login(account)), 400, "request.field", target);
  }
  EXPECT_EQ(call("GET", "/api/v1/audit?limit=1", login("auditor")).status, 200);
}

TEST_F(RequestLimits, UnknownPathIs404AndWrongMethodIs405) {
  // clang-format off
  const struct { std::string method, target; int status; std::string code; } rows[] = {
    {"GET",    "/api/v1/nothing-here",            404, "not_found"},
    {"GET",    "/api/v2/persons",                 404, "not_found"},
    {"GET",    "/",                               404, "not_found"},
    {"GET",    "/api/v1/persons/1/doses/2",       404, "not_found"},
    {"GET",    "/api/v1/persons/",                404, "not_found"},
    {"DELETE", "/api/v1/persons/1",               405, "method_not_allowed"},
    {"PUT",    "/api/v1/persons",                 405, "method_not_allowed"},
    {"PATCH",  "/api/v1/users/1",                 405, "method_not_allowed"},
    {"POST",   "/health",                         405, "method_not_allowed"},
    {"GET",    "/api/v1/auth/login",              405, "method_not_allowed"},
    {"OPTIONS","/api/v1/persons",                 405, "method_not_allowed"},
  };
  // clang-format on
  for (const auto& row : rows) {
    for (const std::string& token : {std::string(), token_}) {
      const HttpAnswer answer = call(row.method, row.target, token);
      expect_error(answer, row.status, row.code,
                   row.method + " " + row.target + (token.empty() ? "" : " with a token"));
    }
  }
}

TEST_F(RequestLimits, PathTraversalNeverReachesAFile) {
  const char* const targets[] = {
      "/api/v1/persons/..%2F..%2Fetc%2Fpasswd",
      "/api/v1/../../etc/passwd",
      "/api/v1/persons/../../../etc/passwd",
      "/api/v1/areas/..%2f..%2f..%2fetc%2fpasswd",
      "/api/v1/persons/%2e%2e/%2e%2e/etc/passwd",
      "/api/v1/persons/..",
      "/api/v1/persons/.",
      "/api/v1/openapi.json/../../../../etc/passwd",
      "/..%5c..%5cwindows%5cwin.ini",
      "/api/v1/persons/%00",
      "/api/v1/persons/1%00",
      "/api/v1/persons/%zz",
  };
  for (const char* target : targets) {
    for (const std::string& token : {std::string(), token_}) {
      const HttpAnswer answer = call("GET", target, token);
      EXPECT_GE(answer.status, 400) << target << ": " << answer.body;
      EXPECT_LT(answer.status, 500) << target << ": " << answer.body;
      EXPECT_EQ(answer.body.find("root:"), std::string::npos) << target;
      expect_error(answer, answer.status, "", target);
    }
  }
}

TEST_F(RequestLimits, MalformedHttpIs400) {
  const char* const requests[] = {
      "GET /health HTTP/9.9\r\n\r\n",
      "GET health HTTP/1.1\r\nHost: x\r\n\r\n",
      "GARBAGE\r\n\r\n",
      "GET /health HTTP/1.1\r\nBad Header\r\n\r\n",
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
  };
  for (const char* request : requests) {
    const std::string answer = raw_exchange(port(), request);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 4")) << request << " → " << answer.substr(0, 200);
    const std::string body = lower(answer.substr(answer.find("\r\n\r\n") + 4));
    for (const char* leak : kLeaks) {
      EXPECT_EQ(body.find(leak), std::string::npos) << body;
    }
    for (const auto& [name, value] : api::kSecurityHeaders) {
      EXPECT_NE(answer.find(std::string(name) + ": " + value), std::string::npos)
          << request << " lacks " << name;
    }
  }
}

TEST_F(RequestLimits, EveryAnswerCarriesTheSecurityHeaders) {
  const std::string person = "/api/v1/persons/" + std::to_string(inside_person_);
  const std::string outside = "/api/v1/persons/" + std::to_string(outside_person_);
  // One of each kind of answer: public, authenticated, refused, missing, failed.
  expect_security_headers(call("GET", "/health"), "health");
  expect_security_headers(call("GET", "/ready"), "ready");
  expect_security_headers(call("GET", "/api/v1/openapi.json"), "openapi");
  expect_security_headers(call("GET", person, token_), "person 200");
  expect_security_headers(call("GET", outside, token_), "person 403");
  expect_security_headers(call("GET", person), "person 401");
  expect_security_headers(call("GET", "/api/v1/nothing"), "404");
  expect_security_headers(call("DELETE", person, token_), "405");
  expect_security_headers(post("/api/v1/persons", token_, "{"), "400");
  expect_security_headers(post("/api/v1/persons", token_, kPersonBody), "201");
  expect_security_headers(call("POST", "/api/v1/auth/logout", login("citizen")), "204");
  expect_security_headers(call("GET", "/api/v1/persons/%zz", token_), "bad target");
}

}  // namespace
}  // namespace phongdich::testing
