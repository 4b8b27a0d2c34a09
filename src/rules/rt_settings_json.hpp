// Loads how the dashboard estimates Rt (data/rules/rt.json): the serial
// interval, the window and the prior.
#pragma once

#include <string>
#include <string_view>

namespace phongdich {

struct RtSettings {
  double si_mean_days = 4.7;
  double si_sd_days = 2.9;
  std::string si_source;
  int window_days = 7;
  double prior_mean = 5;
  double prior_sd = 5;
};

// Throws std::invalid_argument naming the offending key.
RtSettings parse_rt_settings(std::string_view json_text);
RtSettings load_rt_settings(const std::string& path);

}  // namespace phongdich
