// How the dashboard estimates Rt is a rule file an epidemiologist edits: the
// shipped file loads, and a slip names its key.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "rules/rt_settings_json.hpp"

namespace phongdich {
namespace {

TEST(RtSettings, ShippedFileHoldsThePublishedSerialInterval) {
  const RtSettings settings = load_rt_settings(std::string(PHONGDICH_DATA_DIR) + "/rules/rt.json");
  EXPECT_DOUBLE_EQ(settings.si_mean_days, 4.7);
  EXPECT_DOUBLE_EQ(settings.si_sd_days, 2.9);
  EXPECT_EQ(settings.window_days, 7);
  EXPECT_FALSE(settings.si_source.empty());
}

TEST(RtSettings, SlipsNameTheirKey) {
  const std::string good =
      R"({"format":"phongdich.rt/1","serial_interval":{"mean_days":4.7,"sd_days":2.9,"source":"x"},)"
      R"("window_days":7,"prior":{"mean":5,"sd":5}})";
  EXPECT_NO_THROW(parse_rt_settings(good));
  const struct {
    std::string from, to, key;
  } slips[] = {
      {"\"mean_days\":4.7", "\"mean_days\":0.5", "mean_days"},  // EpiEstim needs a mean above 1
      {"\"window_days\":7", "\"window_days\":0", "window_days"},
      {"\"sd\":5}", "\"sd\":-1}", "sd"},
      {"phongdich.rt/1", "phongdich.rt/2", "format"},
  };
  for (const auto& slip : slips) {
    std::string text = good;
    text.replace(text.find(slip.from), slip.from.size(), slip.to);
    try {
      parse_rt_settings(text);
      ADD_FAILURE() << "accepted " << slip.to;
    } catch (const std::invalid_argument& error) {
      EXPECT_NE(std::string(error.what()).find(slip.key), std::string::npos) << error.what();
    }
  }
}

}  // namespace
}  // namespace phongdich
