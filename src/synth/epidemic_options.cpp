#include "synth/epidemic_options.hpp"

namespace phongdich::synth {
namespace {

Violation problem(std::string code, std::string field, std::string vi, std::string en) {
  return {std::move(code), std::move(field), "", std::move(vi), std::move(en)};
}

}  // namespace

Violations check_epidemic_options(const EpidemicOptions& o) {
  Violations v;
  if (o.to < o.from) {
    v.push_back(problem("epidemic.dates", "to", "Ngày kết thúc trước ngày bắt đầu",
                        "The last day is before the first day"));
  } else if (o.expected_daily_cases.size() != static_cast<size_t>(o.to - o.from + 1)) {
    v.push_back(problem("epidemic.curve", "expected_daily_cases",
                        "Đường cong phải có một giá trị cho mỗi ngày",
                        "The curve must have one value for each day"));
  }
  if (o.case_rules == nullptr || o.home_care_rules == nullptr) {
    v.push_back(problem("epidemic.rules", "rules", "Thiếu quy định ca bệnh hoặc chăm sóc tại nhà",
                        "The case or home-care rules are missing"));
  }
  if (o.area.communes.empty()) {
    v.push_back(problem("epidemic.area", "area", "Địa bàn không có xã, phường nào",
                        "The area has no communes"));
  }
  if (o.batch_cases == 0) {
    v.push_back(problem("epidemic.batch", "batch_cases", "Lô phải có ít nhất một ca",
                        "A batch must hold at least one case"));
  }
  for (size_t i = 1; i < o.persons.size(); ++i) {
    if (o.persons[i].id <= o.persons[i - 1].id) {
      v.push_back(problem("epidemic.persons", "persons", "Danh sách người phải theo thứ tự mã",
                          "The persons must be in id order, each once"));
      break;
    }
  }
  return v;
}

}  // namespace phongdich::synth
