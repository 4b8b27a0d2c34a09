// Fuzzes the API's request handling below the transport: target parsing, routing,
// authentication, idempotency, body parsing and every handler, on a real
// registry in a temporary directory (created once, kept for the whole run).
//
// Input: the first byte picks who sends the request (nobody, or the session of
// one of the accounts created at start-up), then lines:
//   METHOD\n TARGET\n (NAME: VALUE\n)* \n BODY
// A header line without ": " ends the headers. The corpus (fuzz/corpus/api_request)
// holds well-formed requests, the login body among them, to start from.
//
// Invariants checked: no exception other than the API's own refusals escapes
// (one would be a 500 at the transport); the status is a real HTTP status and
// never 500; an error answer is a JSON object with a code and both messages; a
// JSON answer parses; a parsed target is absolute and has no NUL.
#include <stdlib.h>

#include <openssl/crypto.h>
#include <cstddef>
#include <cstdint>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "api/api_service.hpp"
#include "api/http_message.hpp"
#include "app/registry.hpp"

namespace {

using namespace phongdich;

void require(bool condition) {
  if (!condition) __builtin_trap();
}

constexpr const char* kPassword = "mat-khau-fuzz-0001";

struct Account {
  const char* name;
  Role role;
  const char* area;
};

// Who may send a request: district staff reach personal data and overrides,
// the administrator the user routes, the auditor the trail.
const Account kAccounts[] = {
    {"fuzz.district", Role::district_officer, "vn2022:772"},
    {"fuzz.admin", Role::administrator, "vn2022:772"},
    {"fuzz.auditor", Role::auditor, "vn2022:VN"},
};

struct World {
  std::filesystem::path dir;
  std::unique_ptr<Registry> registry;
  std::unique_ptr<api::ApiService> service;
  int64_t clock_ms = 1'664'000'000'000;  // 2022-09-24; moves one second per input
  std::string tokens[std::size(kAccounts)];

  World() {
    // OpenSSL must outlive the service's audit flusher at exit: without this it
    // registers its own clean-up, which may run while the flusher still hashes.
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
    std::string pattern =
        (std::filesystem::temp_directory_path() / "phongdich-fuzz-XXXXXX").string();
    require(::mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
    RegistryOptions options;
    options.db_url = (dir / "registry.db").string();
    options.data_dir = PHONGDICH_DATA_DIR;
    registry = std::make_unique<Registry>(options);
    StoredPerson person;
    person.person.full_name = "Nguyễn Văn An";
    person.person.birth_date = *Date::parse_iso("1980-05-01");
    person.person.area_id = registry->find_area("vn2022:27208")->id;
    require(registry->register_person(person, "").id.has_value());

    api::ApiServiceOptions service_options;
    service_options.accounts.argon2_ops_limit = 1;  // the cheapest argon2id: speed over cost
    service_options.accounts.argon2_mem_limit = 8192;
    service_options.clock_ms = [this] { return clock_ms; };
    service_options.today = Date::parse_iso("2022-09-24");
    service = std::make_unique<api::ApiService>(*registry, service_options);
    for (const Account& a : kAccounts) {
      const auto created = service->accounts().create_user(
          {a.name, kPassword, a.role, registry->find_area(a.area)->id, {}}, clock_ms / 1000);
      require(created.user.has_value());
    }
    registry->index();
  }

  // A live session of the account, whatever earlier inputs did to it (logout,
  // password change, lockout, expiry, disabling): repaired directly.
  const std::string& session_of(size_t which) {
    // Under the service's lock: its audit flusher shares the store's connection.
    service->run_exclusive([&] { repair_session(which); });
    return tokens[which];
  }

  void repair_session(size_t which) {
    Accounts& accounts = service->accounts();
    const int64_t now = clock_ms / 1000;
    if (accounts.authenticate(tokens[which], now)) return;
    const auto user = accounts.user_by_name(kAccounts[which].name);
    require(user.has_value());
    accounts.unlock(user->id);
    accounts.set_disabled(user->id, false);
    accounts.reset_password(user->id, kPassword);
    accounts.set_role(user->id, kAccounts[which].role,
                      registry->find_area(kAccounts[which].area)->id);
    const LoginResult login = accounts.login(kAccounts[which].name, kPassword, now);
    require(login.outcome == LoginOutcome::ok);
    tokens[which] = login.token;
  }
};

World* the_world = nullptr;

World& world() {
  if (the_world == nullptr) {
    the_world = new World();
    // libFuzzer ends with exit(): the objects may stay, the directory may not.
    std::atexit([] {
      // The service first: its audit flusher thread must end before the store goes.
      the_world->service.reset();
      std::error_code ignored;
      std::filesystem::remove_all(the_world->dir, ignored);
    });
  }
  return *the_world;
}

// The next line of `rest` (without its '\n'); the rest moves past it.
std::string_view next_line(std::string_view& rest) {
  const size_t end = rest.find('\n');
  const std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  return line;
}

void check_response(const api::HttpResponse& response) {
  require(response.status >= 200 && response.status <= 599);
  require(response.status != 500);
  if (response.content_type != "application/json" || response.body.empty()) return;
  const auto json = nlohmann::json::parse(response.body, nullptr, false);
  require(!json.is_discarded());
  if (response.status >= 400) {
    require(json.is_object() && json.contains("error"));
    const auto& error = json["error"];
    require(error.is_object());
    require(!error.value("code", "").empty());
    require(!error.value("message_vi", "").empty() && !error.value("message_en", "").empty());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  World& w = world();
  w.clock_ms += 1000;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  api::HttpRequest request;
  request.method = std::string(next_line(rest));
  const std::string target(next_line(rest));
  while (!rest.empty()) {
    const std::string_view line = next_line(rest);
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos) break;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers[name] = std::string(line.substr(colon + 2));
  }
  request.body = std::string(rest);
  request.remote = "192.0.2." + std::to_string(data[0] >> 4);  // a few client addresses

  const size_t who = data[0] & 3;  // 0: nobody; 1..3: an account
  if (who != 0 && !request.headers.count("authorization")) {
    request.headers["authorization"] = "Bearer " + w.session_of(who - 1);
  }

  if (!api::parse_target(target, request.path, request.query)) return 0;
  require(!request.path.empty() && request.path.front() == '/');
  require(request.path.find('\0') == std::string::npos);

  try {
    check_response(w.service->handle(request));
  } catch (const std::exception&) {
    // The transport would answer 500: input must never get there.
    __builtin_trap();
  }
  return 0;
}
