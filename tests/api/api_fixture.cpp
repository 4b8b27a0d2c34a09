#include "api/api_fixture.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <thread>

namespace phongdich::testing {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

nlohmann::json HttpAnswer::json() const { return nlohmann::json::parse(body, nullptr, false); }

HttpAnswer http_call(uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body, const std::map<std::string, std::string>& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> request(http::string_to_verb(method), target, 11);
  request.method_string(method);
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() && headers.find("content-type") == headers.end()) {
    request.set(http::field::content_type, "application/json");
  }
  request.body() = body;
  request.prepare_payload();
  // The server may answer and stop reading before the whole request is sent
  // (a refusal of a too-large request): the answer is still there to read.
  beast::error_code write_error;
  http::write(stream, request, write_error);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64u << 20);
  http::read(stream, buffer, parser);
  HttpAnswer answer;
  answer.status = static_cast<int>(parser.get().result_int());
  for (const auto& field : parser.get()) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    answer.headers[name] = std::string(field.value());
  }
  answer.body = parser.get().body();
  beast::error_code ignored;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  return answer;
}

ApiTest::ApiTest() {
  RegistryOptions options;
  options.db_url = (dir_ / "registry.db").string();
  if (test_store_is_postgres()) {
    if (const auto server = test_postgres_url()) {
      schema_ = std::make_unique<PostgresTestSchema>(*server);
      options.db_url = schema_->url();
    } else {
      // GoogleTest then runs neither SetUp nor the body; the fixture is still
      // built (on SQLite) for the constructors of the test classes.
      [] { GTEST_SKIP() << kNoPostgresMessage; }();
    }
  }
  options.data_dir = PHONGDICH_DATA_DIR;
  registry_ = std::make_unique<Registry>(options);
  inside_person_ = add_person("Nguyễn Văn An", kInsideCommune, "1980-05-01", "HK-001");
  outside_person_ = add_person("Trần Thị Bình", kOutsideCommune, "1980-05-01", "HK-001");
  inside_household_ = registry_->store().person(inside_person_)->person.household_id.value_or(0);
  outside_household_ = registry_->store().person(outside_person_)->person.household_id.value_or(0);

  // The cheapest argon2id libsodium allows: the tests log in hundreds of times.
  service_options_.accounts.argon2_ops_limit = 1;
  service_options_.accounts.argon2_mem_limit = 8192;
  service_options_.login_attempts_per_minute = 100'000;
  service_options_.clock_ms = [this] { return clock_ms_.load(); };
  service_options_.today = Date::parse_iso("2022-09-24");
  service_options_.import_dir = (dir_ / "imports").string();
  service_ = std::make_unique<api::ApiService>(*registry_, service_options_);

  Accounts& accounts = service_->accounts();
  const auto area_id = [&](const char* spec) { return registry_->find_area(spec)->id; };
  struct Account {
    const char* name;
    Role role;
    const char* area;
  };
  const Account accounts_of_roles[] = {
      {"commune_staff", Role::commune_staff, kInsideCommune},
      {"district_officer", Role::district_officer, kDistrict},
      {"province_officer", Role::province_officer, "vn2022:79"},
      {"ministry", Role::ministry, "vn2022:VN"},
      {"administrator", Role::administrator, kDistrict},
      {"auditor", Role::auditor, kDistrict},
  };
  const int64_t now = clock_ms_ / 1000;
  for (const Account& a : accounts_of_roles) {
    const auto created =
        accounts.create_user({a.name, kPassword, a.role, area_id(a.area), {}}, now);
    EXPECT_TRUE(created.user) << a.name;
  }
  const auto citizen = accounts.create_user(
      {"citizen", kPassword, Role::citizen, area_id(kInsideCommune), inside_person_}, now);
  EXPECT_TRUE(citizen.user);
  inside_user_ =
      accounts
          .create_user({"inside.user", kPassword, Role::commune_staff, area_id(kInsideCommune), {}},
                       now)
          .user.value()
          .id;
  outside_user_ =
      accounts
          .create_user(
              {"outside.user", kPassword, Role::commune_staff, area_id(kOutsideCommune), {}}, now)
          .user.value()
          .id;
  registry_->index();
  api::HttpServerOptions server_options;
  server_options.port = 0;
  server_options.read_timeout = std::chrono::milliseconds(1500);
  server_ = std::make_unique<api::HttpServer>(
      server_options, api::AsyncHandler([this](api::HttpRequest& r, api::Reply reply) {
        service_->handle_async(r, std::move(reply));
      }),
      nullptr);
  server_->start();
}

ApiTest::~ApiTest() {
  if (server_) {
    server_->stop();
    server_->wait();
  }
}

void ApiTest::restart_service() {
  service_.reset();
  service_ = std::make_unique<api::ApiService>(*registry_, service_options_);
}

PersonId ApiTest::add_person(const std::string& name, const std::string& commune,
                             const std::string& birth, const std::string& household) {
  StoredPerson p;
  p.person.full_name = name;
  p.person.birth_date = *Date::parse_iso(birth);
  p.person.area_id = registry_->find_area(commune)->id;
  const RegisterPersonResult r = registry_->register_person(p, household);
  EXPECT_TRUE(r.id) << name;
  return r.id.value_or(0);
}

std::string ApiTest::login(const std::string& username) {
  const HttpAnswer answer =
      call("POST", "/api/v1/auth/login", "",
           nlohmann::json{{"username", username}, {"password", kPassword}}.dump());
  EXPECT_EQ(answer.status, 200) << username << ": " << answer.body;
  const auto json = answer.json();
  return json.is_object() && json.contains("token") ? json["token"].get<std::string>() : "";
}

HttpAnswer ApiTest::call(const std::string& method, const std::string& target,
                         const std::string& token, const std::string& body,
                         std::map<std::string, std::string> headers) {
  if (!token.empty()) headers["authorization"] = "Bearer " + token;
  return http_call(port(), method, target, body, headers);
}

std::string ApiTest::root_auditor() {
  // Under the service's lock: its audit flusher shares the store's connection.
  service_->run_exclusive([&] {
    if (service_->accounts().user_by_name("auditor.root")) return;
    const auto created = service_->accounts().create_user(
        {"auditor.root", kPassword, Role::auditor, registry_->find_area("vn2022:VN")->id, {}},
        clock_ms_ / 1000);
    EXPECT_TRUE(created.user);
  });
  return login("auditor.root");
}

HttpAnswer ApiTest::post(const std::string& target, const std::string& token,
                         const std::string& body) {
  return call("POST", target, token, body,
              {{"idempotency-key", "test-" + std::to_string(++next_key_)}});
}

std::optional<AuditEntry> ApiTest::last_committed_audit_entry() {
  const std::string url = schema_ ? schema_->url() : (dir_ / "registry.db").string();
  return open_store(url, OpenMode::read_only)->last_audit_entry();
}

nlohmann::json ApiTest::import_at_end(const std::string& id, const std::string& token) {
  for (int i = 0; i < 12'000; ++i) {
    nlohmann::json state = call("GET", "/api/v1/imports/" + id, token).json();
    if (state["status"] == "finished" || state["status"] == "failed") return state;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "import " << id << " did not end within a minute";
  return {};
}

}  // namespace phongdich::testing
