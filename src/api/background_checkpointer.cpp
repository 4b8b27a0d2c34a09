#include "api/background_checkpointer.hpp"

#include <iostream>

#include "api/wait_unless_stopped.hpp"

namespace phongdich::api {

void CheckpointPace::passed(const LogCheckpoint& done) {
  if (done.busy) {
    wait_ = writing_;
    return;
  }
  // The same number of frames: nothing was committed since (a log that started
  // afresh and grew back to exactly that size only makes one wait longer).
  wait_ = done.log_frames == frames_last_seen_ ? std::min(wait_ * 2, idle_) : writing_;
  frames_last_seen_ = done.log_frames;
}

BackgroundCheckpointer::BackgroundCheckpointer(Opener open, std::chrono::milliseconds interval,
                                               std::function<void()> finish_on_writer,
                                               int64_t finish_at_frames)
    : open_(std::move(open)),
      interval_(interval),
      finish_on_writer_(std::move(finish_on_writer)),
      finish_at_frames_(finish_at_frames),
      thread_([this](std::stop_token stop) { loop(stop); }) {}

BackgroundCheckpointer::~BackgroundCheckpointer() {
  thread_.request_stop();
  thread_.join();
}

void BackgroundCheckpointer::catch_up(Store& store, LogCheckpoint done) {
  // Each pass copies what was committed during the one before, so the passes
  // get shorter; they stop once one found little new (or the log started afresh).
  for (int pass = 0; pass < kMaxCatchUpPasses; ++pass) {
    const int64_t frames_before = done.log_frames;
    done = store.checkpoint();
    if (done.busy) return;  // the writer is at it already
    if (done.log_frames - frames_before <= kFramesLeftToWriter) break;
  }
  // Copied to the end or not, commits went on meanwhile, and only a checkpoint
  // that no commit overlaps lets the log start afresh: the writer's. A reader
  // still on the old log may keep it from starting afresh even then; the writer
  // is asked again only once the log has grown by another quarter.
  if (done.log_frames < frames_when_writer_asked_) frames_when_writer_asked_ = 0;  // it did
  if (done.log_frames >= finish_at_frames_ &&
      done.log_frames >= frames_when_writer_asked_ + finish_at_frames_ / 4) {
    frames_when_writer_asked_ = done.log_frames;
    finish_on_writer_();
  }
}

void BackgroundCheckpointer::loop(std::stop_token stop) {
  std::unique_ptr<Store> store;
  CheckpointPace pace(interval_, kIdleInterval);
  while (wait_unless_stopped(stop, pace.wait())) {
    try {
      if (!store) store = open_();
      const LogCheckpoint done = store->checkpoint();
      pace.passed(done);
      if (!done.busy && done.log_frames >= finish_at_frames_) catch_up(*store, done);
    } catch (const std::exception& e) {
      // Past a backstop size the writer's commits still checkpoint by themselves.
      std::cerr << "phongdich serve: background checkpoint failed: " << e.what() << "\n";
      store.reset();  // opened again next time
    }
  }
}

}  // namespace phongdich::api
