// Every endpoint × every role × a record inside and outside the role's area:
// the answer must be what the access policy promises. A route added to the
// router without a row here fails the test.
//
// "ok" means the request got past authorisation (any answer but 401/403);
// "403" means it was refused for access. Inside = Phường 15, Quận 11 (the
// commune of the commune account, inside the district accounts' Quận 11);
// outside = Phường Bến Nghé, Quận 1. The province account holds all of Hồ Chí
// Minh City, so both are inside for it.
#include <set>

#include "api/api_fixture.hpp"

namespace phongdich::testing {
namespace {

struct Call {
  std::string method;
  std::string target;  // {in_person}, {out_person}, {in_user}, {out_user} are filled in
  std::string body;
};

struct Row {
  std::string route;  // "METHOD pattern", as the router names it
  Call inside;
  Call outside;
  // One per role, in the order of kRoles: "inside/outside".
  std::vector<std::string> expected;
};

const std::vector<std::string> kRoles = {"commune_staff", "district_officer", "province_officer",
                                         "ministry",      "administrator",    "auditor",
                                         "citizen"};

const std::string kDoseBody = R"({"date":"2022-09-20","product":"PFIZER"})";
const std::string kOverrideBody =
    R"({"date":"2022-09-21","product":"PFIZER","override":{"reason":"bác sĩ chỉ định"}})";
const std::string kIdBody = R"({"citizen_id":"079080001234"})";
const std::string kTestBody =
    R"({"kind":"rapid_antigen","sample_date":"2022-09-22","result_date":"2022-09-22","outcome":"negative"})";
const std::string kCheckBody = R"({"date":"2022-09-23","half":"afternoon","spo2":98})";
const std::string kStepBody = R"({"date":"2022-09-24","state":"recovered"})";
const std::string kIsolationBody = R"({"date":"2022-09-24"})";
const std::string kHandleBody = R"({"state":"acknowledged","note":"đã gọi điện"})";
const std::string kOccupancyBody =
    R"({"date":"2022-09-23","occupied_beds":10,"occupied_icu_beds":1,"patients_on_oxygen":2})";

// clang-format off
const std::vector<Row> kTable = {
  // route                                     inside call                                            outside call                                           commune   district  province  ministry  admin     auditor   citizen
  {"GET /health",                              {"GET", "/health", ""},                                {"GET", "/health", ""},                                {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"GET /ready",                               {"GET", "/ready", ""},                                 {"GET", "/ready", ""},                                 {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"GET /api/v1/openapi.json",                 {"GET", "/api/v1/openapi.json", ""},                   {"GET", "/api/v1/openapi.json", ""},                   {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"POST /api/v1/auth/login",                  {"POST", "/api/v1/auth/login", "{}"},                  {"POST", "/api/v1/auth/login", "{}"},                  {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"POST /api/v1/auth/logout",                 {"POST", "/api/v1/auth/logout", ""},                   {"POST", "/api/v1/auth/logout", ""},                   {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"GET /api/v1/auth/me",                      {"GET", "/api/v1/auth/me", ""},                        {"GET", "/api/v1/auth/me", ""},                        {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"POST /api/v1/auth/password",               {"POST", "/api/v1/auth/password", "{}"},               {"POST", "/api/v1/auth/password", "{}"},               {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"GET /api/v1/areas",                        {"GET", "/api/v1/areas?parent=vn2022:772", ""},        {"GET", "/api/v1/areas?parent=vn2022:760", ""},        {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"GET /api/v1/areas/{area}",                 {"GET", "/api/v1/areas/vn2022:27208", ""},             {"GET", "/api/v1/areas/vn2022:26740", ""},             {"ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok", "ok/ok"}},
  {"GET /api/v1/persons",                      {"GET", "/api/v1/persons?area=vn2022:27208", ""},      {"GET", "/api/v1/persons?area=vn2022:26740", ""},      {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/persons",                     {"POST", "/api/v1/persons", R"({"full_name":"Lê Văn Cường","sex":"male","birth_date":"1990-02-03","area":"vn2022:27208"})"},
                                               {"POST", "/api/v1/persons", R"({"full_name":"Lê Văn Cường","sex":"male","birth_date":"1990-02-03","area":"vn2022:26740"})"},
                                                                                                                                                             {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/persons/{id}",                 {"GET", "/api/v1/persons/{in_person}", ""},            {"GET", "/api/v1/persons/{out_person}", ""},           {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"POST /api/v1/persons/{id}/citizen-id",     {"POST", "/api/v1/persons/{in_person}/citizen-id", kIdBody}, {"POST", "/api/v1/persons/{out_person}/citizen-id", kIdBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/persons/{id}/doses",           {"GET", "/api/v1/persons/{in_person}/doses", ""},      {"GET", "/api/v1/persons/{out_person}/doses", ""},     {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"POST /api/v1/persons/{id}/doses",          {"POST", "/api/v1/persons/{in_person}/doses", kDoseBody}, {"POST", "/api/v1/persons/{out_person}/doses", kDoseBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/persons/{id}/doses override", {"POST", "/api/v1/persons/{in_person}/doses", kOverrideBody}, {"POST", "/api/v1/persons/{out_person}/doses", kOverrideBody}, {"403/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/persons/{id}/status",          {"GET", "/api/v1/persons/{in_person}/status", ""},     {"GET", "/api/v1/persons/{out_person}/status", ""},    {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"GET /api/v1/households/{id}",              {"GET", "/api/v1/households/{in_household}", ""},      {"GET", "/api/v1/households/{out_household}", ""},     {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/due-lists/{commune}",          {"GET", "/api/v1/due-lists/vn2022:27208", ""},         {"GET", "/api/v1/due-lists/vn2022:26740", ""},         {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/imports/persons",             {"POST", "/api/v1/imports/persons?area=vn2022:27208", "csv"}, {"POST", "/api/v1/imports/persons?area=vn2022:26740", "csv"}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/imports/doses",               {"POST", "/api/v1/imports/doses?area=vn2022:27208", "csv"},   {"POST", "/api/v1/imports/doses?area=vn2022:26740", "csv"},   {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/imports/{id}",                 {"GET", "/api/v1/imports/{in_import}", ""},            {"GET", "/api/v1/imports/{out_import}", ""},           {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/imports/{id}/errors",          {"GET", "/api/v1/imports/{in_import}/errors", ""},     {"GET", "/api/v1/imports/{out_import}/errors", ""},    {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/coverage/{area}",              {"GET", "/api/v1/coverage/vn2022:27208", ""},          {"GET", "/api/v1/coverage/vn2022:26740", ""},          {"ok/403", "ok/403", "ok/ok", "ok/ok", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/dashboard/{area}",             {"GET", "/api/v1/dashboard/vn2022:27208", ""},         {"GET", "/api/v1/dashboard/vn2022:26740", ""},         {"ok/403", "ok/403", "ok/ok", "ok/ok", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/persons-by-phone",             {"GET", "/api/v1/persons-by-phone?area=vn2022:27208&phone=0901234567", ""}, {"GET", "/api/v1/persons-by-phone?area=vn2022:26740&phone=0901234567", ""}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/persons/{id}/tests",          {"POST", "/api/v1/persons/{in_person}/tests", kTestBody}, {"POST", "/api/v1/persons/{out_person}/tests", kTestBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/persons/{id}/tests",           {"GET", "/api/v1/persons/{in_person}/tests", ""},      {"GET", "/api/v1/persons/{out_person}/tests", ""},     {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"GET /api/v1/persons/{id}/cases",           {"GET", "/api/v1/persons/{in_person}/cases", ""},      {"GET", "/api/v1/persons/{out_person}/cases", ""},     {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"POST /api/v1/cases",                       {"POST", "/api/v1/cases", R"({"person_id":{in_person}})"}, {"POST", "/api/v1/cases", R"({"person_id":{out_person}})"}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/cases",                        {"GET", "/api/v1/cases?area=vn2022:27208", ""},        {"GET", "/api/v1/cases?area=vn2022:26740", ""},        {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/cases/{id}",                   {"GET", "/api/v1/cases/{in_case}", ""},                {"GET", "/api/v1/cases/{out_case}", ""},               {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"POST /api/v1/cases/{id}/steps",            {"POST", "/api/v1/cases/{in_case}/steps", kStepBody},  {"POST", "/api/v1/cases/{out_case}/steps", kStepBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/cases/{id}/isolation-end",    {"POST", "/api/v1/cases/{in_case}/isolation-end", kIsolationBody},  {"POST", "/api/v1/cases/{out_case}/isolation-end", kIsolationBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/cases/{id}/observations",     {"POST", "/api/v1/cases/{in_case}/observations", kCheckBody}, {"POST", "/api/v1/cases/{out_case}/observations", kCheckBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"GET /api/v1/cases/{id}/observations",      {"GET", "/api/v1/cases/{in_case}/observations", ""},   {"GET", "/api/v1/cases/{out_case}/observations", ""},  {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "ok/403"}},
  {"GET /api/v1/alerts",                       {"GET", "/api/v1/alerts?area=vn2022:27208", ""},       {"GET", "/api/v1/alerts?area=vn2022:26740", ""},       {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/alerts/{id}/handle",          {"POST", "/api/v1/alerts/{in_alert}/handle", kHandleBody}, {"POST", "/api/v1/alerts/{out_alert}/handle", kHandleBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/facilities",                   {"GET", "/api/v1/facilities?area=vn2022:27208", ""},   {"GET", "/api/v1/facilities?area=vn2022:26740", ""},   {"ok/403", "ok/403", "ok/ok", "ok/ok", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/facilities",                  {"POST", "/api/v1/facilities", R"({"code":"TYT-P15","name":"Trạm y tế Phường 15","area":"vn2022:27208","kind":"commune_station","beds":20})"},
                                               {"POST", "/api/v1/facilities", R"({"code":"TYT-BN","name":"Trạm y tế Phường Bến Nghé","area":"vn2022:26740","kind":"commune_station","beds":20})"},
                                                                                                                                                             {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"POST /api/v1/facilities/{code}/occupancy", {"POST", "/api/v1/facilities/TYT-P15/occupancy", kOccupancyBody}, {"POST", "/api/v1/facilities/TYT-BN/occupancy", kOccupancyBody}, {"ok/403", "ok/403", "ok/ok", "403/403", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/indicators/{area}",            {"GET", "/api/v1/indicators/vn2022:27208", ""},        {"GET", "/api/v1/indicators/vn2022:26740", ""},        {"ok/403", "ok/403", "ok/ok", "ok/ok", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/epidemic/{area}",              {"GET", "/api/v1/epidemic/vn2022:27208", ""},          {"GET", "/api/v1/epidemic/vn2022:26740", ""},          {"ok/403", "ok/403", "ok/ok", "ok/ok", "403/403", "403/403", "403/403"}},
  {"GET /api/v1/users",                        {"GET", "/api/v1/users", ""},                          {"GET", "/api/v1/users", ""},                          {"403/403", "403/403", "403/403", "403/403", "ok/ok", "403/403", "403/403"}},
  {"POST /api/v1/users",                       {"POST", "/api/v1/users", R"({"username":"new.in","password":"mat-khau-moi-123","role":"commune_staff","area":"vn2022:27208"})"},
                                               {"POST", "/api/v1/users", R"({"username":"new.out","password":"mat-khau-moi-123","role":"commune_staff","area":"vn2022:26740"})"},
                                                                                                                                                             {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"GET /api/v1/users/{id}",                   {"GET", "/api/v1/users/{in_user}", ""},                {"GET", "/api/v1/users/{out_user}", ""},               {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"POST /api/v1/users/{id}/role",             {"POST", "/api/v1/users/{in_user}/role", R"({"role":"commune_staff","area":"vn2022:27208"})"},
                                               {"POST", "/api/v1/users/{out_user}/role", R"({"role":"commune_staff","area":"vn2022:26740"})"},
                                                                                                                                                             {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"POST /api/v1/users/{id}/disable",          {"POST", "/api/v1/users/{in_user}/disable", ""},       {"POST", "/api/v1/users/{out_user}/disable", ""},      {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"POST /api/v1/users/{id}/enable",           {"POST", "/api/v1/users/{in_user}/enable", ""},        {"POST", "/api/v1/users/{out_user}/enable", ""},       {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"POST /api/v1/users/{id}/unlock",           {"POST", "/api/v1/users/{in_user}/unlock", ""},        {"POST", "/api/v1/users/{out_user}/unlock", ""},       {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"POST /api/v1/users/{id}/password",         {"POST", "/api/v1/users/{in_user}/password", R"({"new_password":"mat-khau-moi-456"})"},
                                               {"POST", "/api/v1/users/{out_user}/password", R"({"new_password":"mat-khau-moi-456"})"},
                                                                                                                                                             {"403/403", "403/403", "403/403", "403/403", "ok/403", "403/403", "403/403"}},
  {"GET /api/v1/audit",                        {"GET", "/api/v1/audit", ""},                          {"GET", "/api/v1/audit", ""},                          {"403/403", "403/403", "403/403", "403/403", "403/403", "ok/ok", "403/403"}},
  {"GET /api/v1/audit/verify",                 {"GET", "/api/v1/audit/verify", ""},                   {"GET", "/api/v1/audit/verify", ""},                   {"403/403", "403/403", "403/403", "403/403", "403/403", "ok/ok", "403/403"}},
};
// clang-format on

std::string route_of(const Row& row) {
  // "POST /x override" tests a variant of the route "POST /x".
  const std::string& r = row.route;
  const size_t space = r.find(' ', r.find(' ') + 1);
  return space == std::string::npos ? r : r.substr(0, space);
}

class AuthorizationTable : public ApiTest {
 protected:
  std::string inside_import_, outside_import_;
  CaseId inside_case_ = 0, outside_case_ = 0;
  AlertId inside_alert_ = 0, outside_alert_ = 0;
  int uploads_ = 0;

  std::string fill(std::string target) const {
    const std::pair<std::string, std::string> values[] = {
        {"{in_person}", std::to_string(inside_person_)},
        {"{out_person}", std::to_string(outside_person_)},
        {"{in_user}", std::to_string(inside_user_)},
        {"{out_user}", std::to_string(outside_user_)},
        {"{in_household}", std::to_string(inside_household_)},
        {"{out_household}", std::to_string(outside_household_)},
        {"{in_import}", inside_import_},
        {"{out_import}", outside_import_},
        {"{in_case}", std::to_string(inside_case_)},
        {"{out_case}", std::to_string(outside_case_)},
        {"{in_alert}", std::to_string(inside_alert_)},
        {"{out_alert}", std::to_string(outside_alert_)}};
    for (const auto& [key, value] : values) {
      if (const size_t at = target.find(key); at != std::string::npos) {
        target.replace(at, key.size(), value);
      }
    }
    return target;
  }

  void SetUp() override {
    // One import inside and one outside, made by the province account that holds both.
    const std::string token = login("province_officer");
    inside_import_ =
        upload(token, "/api/v1/imports/persons?area=vn2022:27208", "27208").json()["id"];
    outside_import_ =
        upload(token, "/api/v1/imports/persons?area=vn2022:26740", "26740").json()["id"];
    // A case in home care with a danger-sign alert, inside and outside, and a
    // facility each for the occupancy reports: written on the writer thread,
    // since the imports above run meanwhile.
    service_->run_exclusive([&] {
      Surveillance& surveillance = service_->surveillance();
      const Date today = *Date::parse_iso("2022-09-24");
      const auto case_of = [&](PersonId person, AlertId& alert) {
        TestResult test;
        test.person_id = person;
        test.kind = TestKind::rt_pcr;
        test.sample_date = *Date::parse_iso("2022-09-20");
        test.result_date = *Date::parse_iso("2022-09-21");
        test.outcome = TestOutcome::positive;
        EXPECT_TRUE(surveillance.record_test(test, today).ok());
        RegisterCaseRequest request;
        request.person_id = person;
        const auto registered = surveillance.register_case(request, today);
        EXPECT_TRUE(registered.ok());
        Observation check;
        check.case_id = registered.value->id;
        check.date = *Date::parse_iso("2022-09-22");
        check.spo2_percent = 93;
        const auto recorded = surveillance.record_observation(check, today, clock_ms_);
        EXPECT_TRUE(recorded.ok() && recorded.value->alert);
        alert = recorded.value->alert->id;
        return registered.value->id;
      };
      inside_case_ = case_of(inside_person_, inside_alert_);
      outside_case_ = case_of(outside_person_, outside_alert_);
      for (const auto& [code, commune] :
           {std::pair{"TYT-P15", kInsideCommune}, std::pair{"TYT-BN", kOutsideCommune}}) {
        Facility facility;
        facility.code = code;
        facility.name = code;
        facility.area_id = registry_->find_area(commune)->id;
        facility.kind = FacilityKind::commune_station;
        EXPECT_TRUE(surveillance.save_facility(facility).ok());
      }
    });
  }

  HttpAnswer upload(const std::string& token, const std::string& target,
                    const std::string& commune) {
    const std::string csv =
        "person_ref,full_name,sex,birth_date,commune_code\n"
        "up-" +
        commune + "-" + std::to_string(++uploads_) + ",Lê Thị Hoa,F,1975-03-04," + commune + "\n";
    return call(
        "POST", target, token, csv,
        {{"content-type", "text/csv"}, {"idempotency-key", "upload-" + std::to_string(uploads_)}});
  }

  std::string outcome(const Call& call, const std::string& role) {
    // A fresh session each time: logout and password change end sessions.
    const std::string token = login(role);
    const std::string target = fill(call.target);
    const HttpAnswer answer =
        call.body == "csv"
            ? upload(token, target, target.find("26740") == std::string::npos ? "27208" : "26740")
        : call.method == "POST" ? post(target, token, fill(call.body))
                                : this->call(call.method, target, token);
    if (answer.status == 403) return "403";
    if (answer.status == 401) return "401";
    return "ok";
  }
};

TEST_F(AuthorizationTable, EveryRouteHasARow) {
  std::set<std::string> rows;
  for (const Row& row : kTable) rows.insert(route_of(row));
  for (const api::Route& route : service_->router().routes()) {
    EXPECT_TRUE(rows.count(route.method + " " + route.pattern))
        << "no row in the authorisation table for " << route.method << " " << route.pattern;
  }
}

TEST_F(AuthorizationTable, EveryRoleGetsWhatThePolicySays) {
  for (const Row& row : kTable) {
    ASSERT_EQ(row.expected.size(), kRoles.size()) << row.route;
    for (size_t r = 0; r < kRoles.size(); ++r) {
      const std::string got =
          outcome(row.inside, kRoles[r]) + "/" + outcome(row.outside, kRoles[r]);
      EXPECT_EQ(got, row.expected[r]) << row.route << " as " << kRoles[r];
    }
  }
}

TEST_F(AuthorizationTable, WithoutATokenOnlyPublicRoutesAnswer) {
  for (const api::Route& route : service_->router().routes()) {
    std::string target = route.pattern;
    for (const char* param : {"{id}", "{area}", "{commune}"}) {
      if (const size_t at = target.find(param); at != std::string::npos) {
        target.replace(at, std::string(param).size(),
                       param == std::string("{id}") ? "1" : kDistrict);
      }
    }
    const HttpAnswer answer =
        route.method == "POST" ? call("POST", target, "", "{}") : call(route.method, target);
    if (route.access == api::RouteAccess::public_route) {
      EXPECT_NE(answer.status, 401) << route.pattern;
    } else {
      EXPECT_EQ(answer.status, 401) << route.method << " " << route.pattern;
      EXPECT_EQ(answer.json()["error"]["code"], "auth.required") << route.pattern;
    }
  }
}

}  // namespace
}  // namespace phongdich::testing
