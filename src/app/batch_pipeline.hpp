// Two stages on two threads with a bounded hand-over: one stage reads and
// checks rows into batches, the other writes batches to the store. On two
// cores the CPU-bound checking then overlaps SQLite's B-tree work.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace phongdich {

template <typename Batch>
class BatchPipeline {
 public:
  // `produce(emit)` runs on a worker thread and calls emit(batch) for each batch;
  // emit returns false when the consumer has stopped (then produce should return).
  // `consume(batch)` runs on the calling thread, in order. An exception in either
  // stage stops both and is rethrown here after the worker has finished.
  static void run(const std::function<void(const std::function<bool(Batch&&)>&)>& produce,
                  const std::function<void(Batch&)>& consume, size_t capacity = 2) {
    BatchPipeline pipeline(capacity);
    std::exception_ptr producer_error;
    std::thread worker([&] {
      try {
        produce([&](Batch&& batch) { return pipeline.push(std::move(batch)); });
      } catch (...) {
        producer_error = std::current_exception();
      }
      pipeline.close();
    });
    std::exception_ptr consumer_error;
    try {
      while (auto batch = pipeline.pop()) consume(*batch);
    } catch (...) {
      consumer_error = std::current_exception();
      pipeline.cancel();
    }
    worker.join();
    if (consumer_error) std::rethrow_exception(consumer_error);
    if (producer_error) std::rethrow_exception(producer_error);
  }

 private:
  explicit BatchPipeline(size_t capacity) : capacity_(capacity) {}

  bool push(Batch&& batch) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return queue_.size() < capacity_ || cancelled_; });
    if (cancelled_) return false;
    queue_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }

  std::optional<Batch> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return std::nullopt;
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_one();
    return batch;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }

  void cancel() {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
    space_.notify_all();
  }

  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Batch> queue_;
  bool closed_ = false;
  bool cancelled_ = false;
};

}  // namespace phongdich
