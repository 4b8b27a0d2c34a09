// Retries and hostile input: an Idempotency-Key makes a retried POST harmless;
// SQL-looking text in bodies, query parameters and path ids is only ever text;
// another area's record ids are refused and the refusal is audited.
#include <set>

#include "api/api_fixture.hpp"

namespace phongdich::testing {
namespace {

const std::string kDoseBody = R"({"date":"2022-09-20","product":"PFIZER"})";

const char* const kInjections[] = {"' OR 1=1 --", "\"; DROP TABLE persons; --", "%' --"};

std::string error_code(const HttpAnswer& answer) {
  const auto json = answer.json();
  if (!json.is_object() || !json.contains("error")) return "";
  return json["error"].value("code", "");
}

std::string url_encode(const std::string& text) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string replayed(const HttpAnswer& answer) {
  const auto it = answer.headers.find("idempotent-replayed");
  return it == answer.headers.end() ? "" : it->second;
}

// A clean answer to hostile input: accepted, or refused as a client error.
bool clean(int status) { return status == 200 || status == 201 || (status >= 400 && status < 500); }

class IdempotencyAndInjection : public ApiTest {
 protected:
  IdempotencyAndInjection() : token_(login("commune_staff")) {}

  std::string doses_path(PersonId id) const {
    return "/api/v1/persons/" + std::to_string(id) + "/doses";
  }

  HttpAnswer post_with_key(const std::string& target, const std::string& body,
                           const std::string& key, const std::string& token = "") {
    return call("POST", target, token.empty() ? token_ : token, body, {{"idempotency-key", key}});
  }

  size_t dose_count(PersonId id) {
    const HttpAnswer answer = call("GET", doses_path(id), token_);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return answer.json()["items"].size();
  }

  // The known person still reads back whole: the persons table is intact.
  void expect_registry_intact() {
    const HttpAnswer answer =
        call("GET", "/api/v1/persons/" + std::to_string(inside_person_), token_);
    ASSERT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.json()["person"]["full_name"], "Nguyễn Văn An");
    const HttpAnswer search = call("GET", "/api/v1/persons?q=an", token_);
    EXPECT_EQ(search.status, 200) << search.body;
  }

  std::string token_;
};

TEST_F(IdempotencyAndInjection, ARetryWithTheSameKeyIsAnsweredAgainAndWritesOnce) {
  const std::string path = doses_path(inside_person_);
  const HttpAnswer first = post_with_key(path, kDoseBody, "dose-2022-09-20");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.headers.count("idempotent-replayed"), 0u);
  const HttpAnswer second = post_with_key(path, kDoseBody, "dose-2022-09-20");
  EXPECT_EQ(second.status, first.status);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(replayed(second), "true");
  // A third time, from a new session of the same user, the same.
  const HttpAnswer third =
      post_with_key(path, kDoseBody, "dose-2022-09-20", login("commune_staff"));
  EXPECT_EQ(third.body, first.body);
  EXPECT_EQ(replayed(third), "true");
  EXPECT_EQ(dose_count(inside_person_), 1u);
}

TEST_F(IdempotencyAndInjection, ARefusalIsReplayedToo) {
  // A dose in the future is refused; the same retry gets the same refusal.
  const std::string future = R"({"date":"2030-01-01","product":"PFIZER"})";
  const HttpAnswer first = post_with_key(doses_path(inside_person_), future, "future-dose");
  ASSERT_EQ(first.status, 422) << first.body;
  const HttpAnswer second = post_with_key(doses_path(inside_person_), future, "future-dose");
  EXPECT_EQ(second.status, 422);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(replayed(second), "true");
  EXPECT_EQ(dose_count(inside_person_), 0u);
}

TEST_F(IdempotencyAndInjection, TheSameKeyForAnotherRequestIs422) {
  const std::string path = doses_path(inside_person_);
  ASSERT_EQ(post_with_key(path, kDoseBody, "k1").status, 201);
  // clang-format off
  const struct { std::string name, target, body; } rows[] = {
    {"another body",   path,                                 R"({"date":"2022-09-21","product":"PFIZER"})"},
    {"same body, reformatted", path,                         R"({"product":"PFIZER","date":"2022-09-20"})"},
    {"another path",   "/api/v1/persons/" + std::to_string(inside_person_) + "/citizen-id", R"({"citizen_id":"079080001234"})"},
    {"another route",  "/api/v1/persons",                    R"({"full_name":"Lê Văn Cường","sex":"male","birth_date":"1990-02-03","area":"vn2022:27208"})"},
  };
  // clang-format on
  for (const auto& row : rows) {
    const HttpAnswer answer = post_with_key(row.target, row.body, "k1");
    EXPECT_EQ(answer.status, 422) << row.name << ": " << answer.body;
    EXPECT_EQ(error_code(answer), "request.idempotency_key_reused") << row.name;
  }
  EXPECT_EQ(dose_count(inside_person_), 1u);
  // Keys belong to a user: another user's "k1" is their own.
  const HttpAnswer other = post_with_key(path, kDoseBody, "k1", login("district_officer"));
  EXPECT_NE(error_code(other), "request.idempotency_key_reused") << other.body;
}

TEST_F(IdempotencyAndInjection, APostWithoutAKeyIs400) {
  const HttpAnswer answer = call("POST", doses_path(inside_person_), token_, kDoseBody);
  EXPECT_EQ(answer.status, 400) << answer.body;
  EXPECT_EQ(error_code(answer), "request.idempotency_key_missing");
  EXPECT_EQ(dose_count(inside_person_), 0u);
  // Login and logout need none.
  EXPECT_EQ(call("POST", "/api/v1/auth/logout", login("citizen")).status, 204);
}

TEST_F(IdempotencyAndInjection, KeysOutsideTheAlphabetOrLengthAre400) {
  // clang-format off
  const struct { std::string key; bool valid; } rows[] = {
    {"a",                         true},
    {std::string(128, 'k'),       true},
    {"Az09-_",                    true},
    {"",                          false},
    {std::string(129, 'k'),       false},
    {"has space",                 false},
    {"semi;colon",                false},
    {"quote'",                    false},
    {"' OR 1=1 --",               false},
    {"dot.dot",                   false},
    {"slash/",                    false},
    {"percent%20",                false},
    {"chữ",                       false},
  };
  // clang-format on
  int day = 1;
  for (const auto& row : rows) {
    // Each valid key records a different dose, so none is a replay of another.
    const std::string body =
        R"({"date":"2022-0)" + std::to_string(day++ % 9 + 1) + R"(-01","product":"PFIZER"})";
    const HttpAnswer answer = post_with_key(doses_path(inside_person_), body, row.key);
    if (row.valid) {
      EXPECT_NE(answer.status, 400) << "key \"" << row.key << "\": " << answer.body;
    } else {
      EXPECT_EQ(answer.status, 400) << "key \"" << row.key << "\": " << answer.body;
      const std::string code = error_code(answer);
      // An empty header value is the same as none.
      EXPECT_TRUE(code == "request.field" || (row.key.empty() && code.starts_with("request.")))
          << row.key << ": " << code;
    }
  }
}

TEST_F(IdempotencyAndInjection, SqlInEveryStringFieldOfAPersonIsText) {
  const nlohmann::json base = {{"full_name", "Lê Văn Cường"}, {"sex", "male"},
                               {"birth_date", "1990-02-03"},  {"area", kInsideCommune},
                               {"external_ref", "ref-1"},     {"citizen_id", "079090001234"},
                               {"household_code", "HH-1"},    {"phone", "0901234567"}};
  int ref = 0;
  for (const char* injection : kInjections) {
    for (const auto& [field, value] : base.items()) {
      nlohmann::json body = base;
      body[field] = injection;
      // A fresh external_ref and citizen_id each time, unless that is the field tried.
      if (field != "external_ref") body["external_ref"] = "ref-" + std::to_string(++ref);
      if (field != "citizen_id") body.erase("citizen_id");
      const HttpAnswer answer = post("/api/v1/persons", token_, body.dump());
      const std::string what = field + "=" + injection;
      EXPECT_TRUE(clean(answer.status)) << what << ": " << answer.status << " " << answer.body;
      if (answer.status == 201) {
        // Stored as written: read it back.
        const auto id = answer.json()["id"].get<int64_t>();
        const HttpAnswer back = call("GET", "/api/v1/persons/" + std::to_string(id), token_);
        ASSERT_EQ(back.status, 200) << what;
        const auto person = back.json()["person"];
        if (field == "full_name" || field == "external_ref" || field == "phone") {
          EXPECT_EQ(person[field], injection) << what;
        }
      }
    }
    expect_registry_intact();
  }
}

TEST_F(IdempotencyAndInjection, SqlInQueryParametersAndPathIdsIsText) {
  const std::string auditor = login("auditor");
  for (const char* injection : kInjections) {
    const std::string v = url_encode(injection);
    // clang-format off
    const struct { std::string target; std::string token; } rows[] = {
      {"/api/v1/persons?q=" + v,                                        token_},
      {"/api/v1/persons?area=" + v,                                     token_},
      {"/api/v1/persons?citizen_id=" + v,                               token_},
      {"/api/v1/persons?q=" + v + "&area=" + v + "&citizen_id=" + v,    token_},
      {"/api/v1/persons?sort=" + v,                                     token_},
      {"/api/v1/persons?limit=" + v,                                    token_},
      {"/api/v1/persons/" + v,                                          token_},
      {"/api/v1/persons/" + v + "/doses",                               token_},
      {"/api/v1/persons/" + v + "/status",                              token_},
      {"/api/v1/persons/1" + v,                                         token_},
      {"/api/v1/persons/" + std::to_string(inside_person_) + "?as_of=" + v, token_},
      {"/api/v1/households/" + v,                                       token_},
      {"/api/v1/areas/" + v,                                            token_},
      {"/api/v1/areas?tree=" + v + "&parent=" + v,                      token_},
      {"/api/v1/due-lists/" + v,                                        token_},
      {"/api/v1/coverage/" + v,                                         token_},
      {"/api/v1/users/" + v,                                            token_},
      {"/api/v1/audit?actor=" + v + "&action=" + v + "&target=" + v,    auditor},
      {"/api/v1/audit?action=" + v + ".",                               auditor},
      {"/api/v1/audit?from=" + v,                                       auditor},
    };
    // clang-format on
    for (const auto& row : rows) {
      const HttpAnswer answer = call("GET", row.target, row.token);
      EXPECT_TRUE(clean(answer.status))
          << row.target << ": " << answer.status << " " << answer.body;
      if (answer.status == 200 && row.target.starts_with("/api/v1/persons?")) {
        // Text without name words is no name filter (the whole area is listed),
        // but a search never reaches past the user's commune.
        const auto items = answer.json()["items"];
        for (const auto& item : items) {
          EXPECT_EQ(item["area"], kInsideCommune) << row.target << ": " << answer.body;
        }
      }
    }
    expect_registry_intact();
  }
}

TEST_F(IdempotencyAndInjection, SqlInADoseIsText) {
  for (const char* injection : kInjections) {
    for (const char* field : {"product", "lot", "site_area", "date"}) {
      nlohmann::json body = nlohmann::json::parse(kDoseBody);
      body[field] = injection;
      const HttpAnswer answer = post(doses_path(inside_person_), token_, body.dump());
      EXPECT_TRUE(clean(answer.status)) << field << "=" << injection << ": " << answer.body;
    }
    const HttpAnswer id = post("/api/v1/persons/" + std::to_string(inside_person_) + "/citizen-id",
                               token_, nlohmann::json{{"citizen_id", injection}}.dump());
    EXPECT_TRUE(clean(id.status)) << injection << ": " << id.body;
  }
  expect_registry_intact();
}

TEST_F(IdempotencyAndInjection, AnotherAreasRecordsAre403AndAudited) {
  const std::string outside = std::to_string(outside_person_);
  // clang-format off
  const struct { std::string method, target, body, action; } rows[] = {
    {"GET",  "/api/v1/persons/" + outside,                "",       "person.read"},
    {"GET",  "/api/v1/persons/" + outside + "/doses",     "",       "dose.read"},
    {"GET",  "/api/v1/persons/" + outside + "/status",    "",       "status.read"},
    {"POST", "/api/v1/persons/" + outside + "/doses",     kDoseBody, "dose.create"},
    {"POST", "/api/v1/persons/" + outside + "/citizen-id", R"({"citizen_id":"079080001234"})", "person.link_id"},
  };
  // clang-format on
  for (const auto& row : rows) {
    const HttpAnswer answer = row.method == "POST" ? post(row.target, token_, row.body)
                                                   : call(row.method, row.target, token_);
    EXPECT_EQ(answer.status, 403) << row.target << ": " << answer.body;
    EXPECT_EQ(error_code(answer), "access.area") << row.target;
    EXPECT_EQ(answer.body.find("Bình"), std::string::npos) << "the refusal shows the record";
  }
  EXPECT_EQ(call("GET", "/api/v1/persons/" + outside, login("district_officer")).status, 403);

  // The refusals are in the trail, under the record's (Quận 1) area: a root
  // auditor sees them, the Quận 11 auditor does not.
  const HttpAnswer trail =
      call("GET", "/api/v1/audit?actor=commune_staff&target=person:" + outside, root_auditor());
  ASSERT_EQ(trail.status, 200) << trail.body;
  std::set<std::string> denied;
  const auto entries = trail.json()["items"];
  for (const auto& entry : entries) {
    EXPECT_EQ(entry["outcome"], "denied") << entry.dump();
    EXPECT_EQ(entry["area"], kOutsideCommune) << entry.dump();
    denied.insert(entry["action"].get<std::string>());
  }
  for (const auto& row : rows) {
    EXPECT_TRUE(denied.count(row.action)) << row.action;
  }
  const HttpAnswer district_view =
      call("GET", "/api/v1/audit?target=person:" + outside, login("auditor"));
  EXPECT_TRUE(district_view.json()["items"].empty()) << district_view.body;
  EXPECT_EQ(dose_count(inside_person_), 0u);
}

TEST_F(IdempotencyAndInjection, ACitizenSeesOnlyTheirOwnRecord) {
  const std::string citizen = login("citizen");
  EXPECT_EQ(call("GET", "/api/v1/persons/" + std::to_string(inside_person_), citizen).status, 200);
  const PersonId neighbour = add_person("Phạm Văn Dũng", kInsideCommune);
  const HttpAnswer answer = call("GET", "/api/v1/persons/" + std::to_string(neighbour), citizen);
  EXPECT_EQ(answer.status, 403);
  EXPECT_EQ(error_code(answer), "access.own_record");
}

}  // namespace
}  // namespace phongdich::testing
