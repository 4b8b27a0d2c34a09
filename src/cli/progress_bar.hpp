// A progress bar on standard error for long work, drawn only on a terminal so
// that scripts and logs get clean output.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace phongdich::cli {

class ProgressBar {
 public:
  explicit ProgressBar(std::string label);
  ~ProgressBar();
  // total <= 0: unknown; shows a count and rate only.
  void update(int64_t done, int64_t total);
  void finish();

 private:
  std::string label_;
  bool enabled_;
  bool finished_ = false;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace phongdich::cli
