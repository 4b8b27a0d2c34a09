// The body of every error answer (api/api_error): the same members, in the
// same order, whatever refused the request; text that is not UTF-8 (a hostile
// field name) is replaced, never passed on and never a failure of its own.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "api/api_error.hpp"

namespace phongdich::api {
namespace {

TEST(ErrorBody, ARuleRefusalNamesEachBrokenRuleInBothLanguages) {
  const ApiError error = rejected({
      {"dose.interval_too_short", "date", "interval after dose 1: at least 21 days",
       "Mũi 2 cách mũi 1 chưa đủ 21 ngày", "Dose 2 is less than 21 days after dose 1"},
      {"dose.product_unknown", "product", "products in use", "Vắc xin không có trong danh mục",
       "Unknown vaccine product"},
  });
  EXPECT_EQ(error_body(error),
            R"({"error":{"code":"dose.interval_too_short",)"
            R"("message_en":"Input rejected; nothing was stored",)"
            R"("message_vi":"Dữ liệu không hợp lệ, không có gì được lưu","status":422,)"
            R"("violations":[{"code":"dose.interval_too_short","field":"date",)"
            R"("message_en":"Dose 2 is less than 21 days after dose 1",)"
            R"("message_vi":"Mũi 2 cách mũi 1 chưa đủ 21 ngày",)"
            R"("rule":"interval after dose 1: at least 21 days"},)"
            R"({"code":"dose.product_unknown","field":"product",)"
            R"("message_en":"Unknown vaccine product",)"
            R"("message_vi":"Vắc xin không có trong danh mục","rule":"products in use"}]}})");
}

TEST(ErrorBody, ALockoutSaysWhenToRetryAsANumberOfSeconds) {
  const ApiError error =
      api_error(429, "auth.locked", "Tài khoản tạm khoá", "Account locked for now", "900");
  const nlohmann::json body = nlohmann::json::parse(error_body(error));
  EXPECT_EQ(body["error"]["retry_after"], 900);
  EXPECT_EQ(body["error"]["status"], 429);
  EXPECT_EQ(body["error"]["code"], "auth.locked");
  EXPECT_TRUE(body["error"]["violations"].empty());
  const nlohmann::json not_found =
      nlohmann::json::parse(error_body(api_error(404, "not_found", "Không tìm thấy", "Not found")));
  EXPECT_FALSE(not_found["error"].contains("retry_after"));
}

TEST(ErrorBody, AFieldNameThatIsNotUtf8IsReplacedAndTheBodyStaysValidJson) {
  const std::string hostile = "na\xffme\"<script>";
  const std::string body = error_body(bad_field(hostile, "không được phép", "not allowed"));
  const nlohmann::json parsed = nlohmann::json::parse(body);  // throws on invalid UTF-8
  const std::string field = parsed["error"]["violations"][0]["field"];
  EXPECT_EQ(field, "na\xEF\xBF\xBDme\"<script>");  // U+FFFD for the stray byte
  EXPECT_EQ(parsed["error"]["code"], "request.field");
}

}  // namespace
}  // namespace phongdich::api
