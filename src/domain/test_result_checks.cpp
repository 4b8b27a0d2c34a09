#include "domain/test_result_checks.hpp"

#include <string>

namespace phongdich {

Violations check_test_result(const TestResult& test, Date today) {
  Violations out;
  if (test.sample_date > today) {
    out.push_back({"test.sample_in_future", "sample_date",
                   "sample date <= today (" + today.iso() + ")",
                   "Ngày lấy mẫu " + test.sample_date.iso() + " sau ngày hôm nay.",
                   "Sample date " + test.sample_date.iso() + " is after today."});
  }
  if (test.result_date > today) {
    out.push_back({"test.result_in_future", "result_date",
                   "result date <= today (" + today.iso() + ")",
                   "Ngày có kết quả " + test.result_date.iso() + " sau ngày hôm nay.",
                   "Result date " + test.result_date.iso() + " is after today."});
  }
  if (test.result_date < test.sample_date) {
    out.push_back({"test.result_before_sample", "result_date", "result date >= sample date",
                   "Ngày có kết quả " + test.result_date.iso() + " trước ngày lấy mẫu " +
                       test.sample_date.iso() + ".",
                   "Result date " + test.result_date.iso() + " is before the sample date " +
                       test.sample_date.iso() + "."});
  }
  if (test.kind == TestKind::sequencing) {
    // Sequencing is run on a sample already found positive, to name the variant.
    if (test.outcome != TestOutcome::positive) {
      out.push_back({"test.sequencing_not_positive", "outcome",
                     "sequencing is done on a positive sample and names its variant",
                     "Giải trình tự gen chỉ thực hiện trên mẫu dương tính.",
                     "Sequencing is only done on a positive sample."});
    } else if (test.variant.empty()) {
      out.push_back({"test.sequencing_without_variant", "variant",
                     "a sequencing result names the variant",
                     "Kết quả giải trình tự gen phải ghi biến chủng.",
                     "A sequencing result must name the variant."});
    }
  } else if (!test.variant.empty()) {
    out.push_back({"test.variant_without_sequencing", "variant", "only sequencing names a variant",
                   "Chỉ kết quả giải trình tự gen mới ghi biến chủng.",
                   "Only a sequencing result names a variant."});
  }
  return out;
}

}  // namespace phongdich
