// Tests, cases, home-care checks and alerts through the HTTP API: the whole
// path of a health station's day, the refusals with their fields, and the
// weekly indicators, levels and curve that the dashboard reads.
#include <gtest/gtest.h>

#include <string>

#include "api_fixture.hpp"

namespace phongdich::testing {
namespace {

class SurveillanceRoutes : public ApiTest {
 protected:
  SurveillanceRoutes() : token_(login("commune_staff")) {}

  HttpAnswer post_json(const std::string& target, const std::string& body) {
    return post(target, token_, body);
  }

  // A positive PCR sampled on 2022-09-20 (result 09-21) and the case it confirms.
  int64_t add_case(PersonId person) {
    const HttpAnswer test = post_json(
        "/api/v1/persons/" + std::to_string(person) + "/tests",
        R"({"kind":"rt_pcr","sample_date":"2022-09-20","result_date":"2022-09-21","outcome":"positive","site":"CDC"})");
    EXPECT_EQ(test.status, 201) << test.body;
    const HttpAnswer created =
        post_json("/api/v1/cases", R"({"person_id":)" + std::to_string(person) + "}");
    EXPECT_EQ(created.status, 201) << created.body;
    return created.json()["case"]["id"];
  }

  std::string observations_of(int64_t id) {
    return "/api/v1/cases/" + std::to_string(id) + "/observations";
  }

  std::string token_;
};

TEST_F(SurveillanceRoutes, DangerSignReachesTheAlertListAndIsAcknowledged) {
  const int64_t id = add_case(inside_person_);
  const HttpAnswer recorded = post_json(
      observations_of(id),
      R"({"date":"2022-09-22","half":"morning","spo2":93,"pulse":88,"temperature":37.8,"symptoms":["cough"]})");
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const auto json = recorded.json();
  ASSERT_EQ(json["danger_signs"].size(), 1u);
  EXPECT_EQ(json["danger_signs"][0]["code"], "spo2");
  EXPECT_FALSE(json["danger_signs"][0]["message_vi"].get<std::string>().empty());
  EXPECT_EQ(json["observation"]["entered_by"], "staff");
  EXPECT_EQ(json["observation"]["symptoms"][0], "cough");
  ASSERT_TRUE(json["alert"].is_object());
  const int64_t alert = json["alert"]["id"];

  const HttpAnswer list = call("GET", "/api/v1/alerts?area=vn2022:27208", token_);
  ASSERT_EQ(list.status, 200) << list.body;
  bool found = false;
  const auto items = list.json()["items"];
  for (const auto& item : items) {
    if (item["id"] == alert) {
      found = true;
      EXPECT_EQ(item["kind"], "danger_sign");
      EXPECT_EQ(item["full_name"], "Nguyễn Văn An");
      EXPECT_EQ(item["signs"][0], "spo2");
    }
  }
  EXPECT_TRUE(found) << list.body;

  const HttpAnswer handled = post_json("/api/v1/alerts/" + std::to_string(alert) + "/handle",
                                       R"({"state":"acknowledged","note":"đã gọi"})");
  ASSERT_EQ(handled.status, 200) << handled.body;
  EXPECT_EQ(handled.json()["alert"]["state"], "acknowledged");
  const HttpAnswer twice = post_json("/api/v1/alerts/" + std::to_string(alert) + "/handle",
                                     R"({"state":"acknowledged"})");
  EXPECT_EQ(twice.status, 422);
}

// Every refusal names its field and leaves nothing behind.
TEST_F(SurveillanceRoutes, BadInputIsRefusedWithItsFieldAndNothingStored) {
  const int64_t id = add_case(inside_person_);
  const std::string person = "/api/v1/persons/" + std::to_string(inside_person_) + "/tests";
  // clang-format off
  const struct { std::string what, target, body; int status; std::string field; } rows[] = {
    {"SpO2 outside 50-100",      observations_of(id), R"({"date":"2022-09-22","half":"morning","spo2":40})",  422, "spo2"},
    {"a future check",           observations_of(id), R"({"date":"2022-09-25","half":"morning","spo2":97})",  422, "date"},
    {"a check before the case",  observations_of(id), R"({"date":"2022-09-19","half":"morning","spo2":97})",  422, "date"},
    {"an unknown half-day",      observations_of(id), R"({"date":"2022-09-22","half":"noon"})",              400, "half"},
    {"an unknown symptom",       observations_of(id), R"({"date":"2022-09-22","half":"morning","symptoms":["hiccups"]})", 400, "symptoms"},
    {"SpO2 as text",             observations_of(id), R"({"date":"2022-09-22","half":"morning","spo2":"93"})", 400, "spo2"},
    {"a result before its sample", person, R"({"kind":"rapid_antigen","sample_date":"2022-09-20","result_date":"2022-09-19","outcome":"negative"})", 422, "result_date"},
    {"a future sample",          person, R"({"kind":"rapid_antigen","sample_date":"2022-09-30","result_date":"2022-09-30","outcome":"negative"})", 422, "sample_date"},
    {"an unknown test kind",     person, R"({"kind":"antibody","sample_date":"2022-09-20","result_date":"2022-09-20","outcome":"negative"})", 400, "kind"},
  };
  // clang-format on
  for (const auto& row : rows) {
    const HttpAnswer answer = post_json(row.target, row.body);
    EXPECT_EQ(answer.status, row.status) << row.what << ": " << answer.body;
    const auto error = answer.json()["error"];
    const std::string field = error.contains("violations")
                                  ? error["violations"][0].value("field", "")
                                  : error.value("field", "");
    EXPECT_EQ(field.substr(0, row.field.size()), row.field) << row.what << ": " << answer.body;
  }
  EXPECT_EQ(registry_->store().observation_count(), 0);
  EXPECT_EQ(registry_->store().tests_of(inside_person_).size(), 1u);  // the case's own
}

TEST_F(SurveillanceRoutes, CaseWithoutAPositiveTestIsRefused) {
  const HttpAnswer answer =
      post_json("/api/v1/cases", R"({"person_id":)" + std::to_string(outside_person_) + "}");
  // The commune user may not touch the outside person at all.
  EXPECT_EQ(answer.status, 403);
  const HttpAnswer inside =
      post_json("/api/v1/cases", R"({"person_id":)" + std::to_string(inside_person_) + "}");
  EXPECT_EQ(inside.status, 422) << inside.body;
  EXPECT_EQ(inside.json()["error"]["violations"][0]["code"], "case.no_positive_test");
  EXPECT_EQ(registry_->store().case_count(), 0);
}

TEST_F(SurveillanceRoutes, StationRefersToAHospitalOutsideItsCommune) {
  const std::string province = login("province_officer");
  ASSERT_EQ(
      post(
          "/api/v1/facilities", province,
          R"({"code":"BV-Q11","name":"Bệnh viện Quận 11","area":"vn2022:772","kind":"hospital","beds":300,"icu_beds":20,"oxygen_beds":100})")
          .status,
      201);
  // The commune's own area holds no hospital; the referral list holds the province's.
  const auto own = call("GET", "/api/v1/facilities", token_).json()["items"];
  EXPECT_TRUE(own.empty());
  const auto referral = call("GET", "/api/v1/facilities?for_referral=true", token_).json()["items"];
  ASSERT_EQ(referral.size(), 1u);
  EXPECT_EQ(referral[0]["code"], "BV-Q11");

  const int64_t id = add_case(inside_person_);
  const HttpAnswer recorded =
      post_json(observations_of(id), R"({"date":"2022-09-22","half":"morning","spo2":92})");
  const int64_t alert = recorded.json()["alert"]["id"];
  const HttpAnswer referred = post_json("/api/v1/alerts/" + std::to_string(alert) + "/handle",
                                        R"({"state":"referred","referred_to":"BV-Q11"})");
  ASSERT_EQ(referred.status, 200) << referred.body;
  EXPECT_EQ(referred.json()["alert"]["referred_to"], "BV-Q11");
}

TEST_F(SurveillanceRoutes, PatientEntersTheirOwnCheck) {
  const int64_t id = add_case(inside_person_);
  const auto own_cases =
      call("GET", "/api/v1/persons/" + std::to_string(inside_person_) + "/cases", login("citizen"))
          .json()["items"];
  ASSERT_EQ(own_cases.size(), 1u);
  EXPECT_EQ(own_cases[0]["id"], id);
  const HttpAnswer answer = post(observations_of(id), login("citizen"),
                                 R"({"date":"2022-09-23","half":"afternoon","spo2":97})");
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.json()["observation"]["entered_by"], "patient");
}

TEST_F(SurveillanceRoutes, IndicatorsLevelsAndCurveShowTheCase) {
  const int64_t id = add_case(inside_person_);
  ASSERT_EQ(post_json("/api/v1/cases/" + std::to_string(id) + "/steps",
                      R"({"date":"2022-09-23","state":"hospital","place":"BV-Q11","oxygen":true})")
                .status,
            201);
  // The commune's station declares its home-care capacity (target T8).
  ASSERT_EQ(
      post(
          "/api/v1/facilities", login("province_officer"),
          R"({"code":"TYT-P15","name":"Trạm Y tế Phường 15","area":"vn2022:27208","kind":"commune_station","home_care_households":50})")
          .status,
      201);
  const std::string token = login("district_officer");
  const HttpAnswer week = call("GET", "/api/v1/indicators/vn2022:772?week=2022-W38", token);
  ASSERT_EQ(week.status, 200) << week.body;
  const auto json = week.json();
  EXPECT_EQ(json["week"]["monday"], "2022-09-19");
  EXPECT_EQ(json["counts"]["new_cases"], 1);
  EXPECT_EQ(json["counts"]["hospitalised"], 1);
  EXPECT_EQ(json["counts"]["oxygen"], 1);
  EXPECT_EQ(json["counts"]["tests"], 1);
  bool commune_found = false;
  for (const auto& commune : json["communes"]) {
    const auto& level = commune["level"];
    EXPECT_GE(level["level"].get<int>(), 1);
    EXPECT_LE(level["level"].get<int>(), 4);
    EXPECT_FALSE(level["reasons"].empty());
    EXPECT_FALSE(level["rule_version"].get<std::string>().empty());
    if (commune["area"]["id"] == kInsideCommune) {
      commune_found = true;
      EXPECT_EQ(commune["counts"]["new_cases"], 1);
      EXPECT_GT(commune["per_100k"]["new_cases"].get<double>(), 0);
      const auto& care = commune["care_capacity"];
      ASSERT_TRUE(care.is_object()) << commune.dump();
      EXPECT_EQ(care["capacity_households"], 50);
      EXPECT_GE(care["households"].get<int64_t>(), 1);
      EXPECT_EQ(care["households_with_patient"], 0);  // the patient is in hospital
      EXPECT_EQ(care["met"], true);
      // C3 is known now: the level's reasons name it.
      bool c3 = false;
      for (const auto& reason : level["reasons"]) {
        c3 = c3 || (reason["criterion"] == "C3" && reason["band"] == "met");
      }
      EXPECT_TRUE(c3) << level.dump();
    }
  }
  EXPECT_TRUE(commune_found);
  EXPECT_EQ(json["care_capacity"]["communes_assessed"], 1);
  EXPECT_EQ(json["care_capacity"]["communes_meeting_target"], 1);

  const HttpAnswer curve =
      call("GET", "/api/v1/epidemic/vn2022:772?from=2022-09-01&to=2022-09-24", token);
  ASSERT_EQ(curve.status, 200) << curve.body;
  int64_t total = 0;
  const auto days = curve.json()["days"];
  for (const auto& d : days) total += d["local"].get<int64_t>();
  EXPECT_EQ(total, 1) << curve.body.substr(0, 2000);
  EXPECT_EQ(curve.json()["serial_interval"]["mean_days"], 4.7);

  EXPECT_EQ(call("GET", "/api/v1/indicators/vn2022:772?week=2022-W60", token).status, 400);
}

// The station sees when isolation may end and the patient's risk group, and
// records the end only when the rules allow; the case then recovers.
TEST_F(SurveillanceRoutes, IsolationEndsWhenTheRulesAllow) {
  const std::string person = "/api/v1/persons/" + std::to_string(inside_person_) + "/tests";
  ASSERT_EQ(
      post_json(
          person,
          R"({"kind":"rt_pcr","sample_date":"2022-09-10","result_date":"2022-09-11","outcome":"positive"})")
          .status,
      201);
  const HttpAnswer created =
      post_json("/api/v1/cases", R"({"person_id":)" + std::to_string(inside_person_) + "}");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string the_case = "/api/v1/cases/" + created.json()["case"]["id"].dump();

  const auto shown = call("GET", the_case, token_).json();
  EXPECT_EQ(shown["isolation"]["status"], "awaiting_test");
  EXPECT_EQ(shown["isolation"]["date"], "2022-09-18");  // day 7
  EXPECT_FALSE(shown["isolation"]["message_vi"].get<std::string>().empty());
  EXPECT_FALSE(shown["risk"]["group"].get<std::string>().empty());
  EXPECT_FALSE(shown["risk"]["reasons_en"].empty());

  // clang-format off
  const struct { std::string what, body, code; } refused[] = {
    {"day 6",                    R"({"date":"2022-09-17"})", "isolation.too_early"},
    {"day 8 without a test",     R"({"date":"2022-09-19"})", "isolation.too_early"},
    {"a day in the future",      R"({"date":"2022-09-25"})", "isolation.date.future"},
    {"before the case",          R"({"date":"2022-09-01"})", "isolation.date.before_home_care"},
  };
  // clang-format on
  for (const auto& row : refused) {
    const HttpAnswer answer = post_json(the_case + "/isolation-end", row.body);
    ASSERT_EQ(answer.status, 422) << row.what << ": " << answer.body;
    const auto violation = answer.json()["error"]["violations"][0];
    EXPECT_EQ(violation["code"], row.code) << row.what;
    EXPECT_EQ(violation["field"], "date") << row.what;
    EXPECT_FALSE(violation["message_vi"].get<std::string>().empty()) << row.what;
  }
  EXPECT_EQ(post_json(the_case + "/isolation-end", R"({"date":"19/09/2022"})").status, 400);
  EXPECT_TRUE(call("GET", the_case, token_).json()["case"]["isolation_ended_on"].is_null());

  ASSERT_EQ(
      post_json(
          person,
          R"({"kind":"rapid_antigen","sample_date":"2022-09-19","result_date":"2022-09-19","outcome":"negative","supervised":true})")
          .status,
      201);
  const HttpAnswer ended = post_json(the_case + "/isolation-end", R"({"date":"2022-09-19"})");
  ASSERT_EQ(ended.status, 201) << ended.body;
  EXPECT_EQ(ended.json()["case"]["isolation_ended_on"], "2022-09-19");
  EXPECT_EQ(ended.json()["case"]["state"], "recovered");
  const auto follow_up =
      call("GET", "/api/v1/cases?area=vn2022:27208&only=follow_up", token_).json()["items"];
  ASSERT_EQ(follow_up.size(), 1u);
  EXPECT_EQ(follow_up[0]["isolation_ended_on"], "2022-09-19");
}

}  // namespace
}  // namespace phongdich::testing
