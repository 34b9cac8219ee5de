// hls_stream.h: the project's own model of Vitis HLS's hls::stream<T> for g++ C simulation,
// written from AMD UG1399 (Vitis HLS), "HLS Stream Library" (C simulation behaviour: an
// unbounded FIFO; a read from an empty stream warns and yields T()). No vendor code. This
// header serves the testbench model only; synthesised kernel code sees hls::stream's interface,
// not the std::deque behind it. Warnings go to stderr (the vendor's go to stdout).
#ifndef STRAT_HLS_SHIM_HLS_STREAM_H
#define STRAT_HLS_SHIM_HLS_STREAM_H

#include <cstddef>
#include <cstdio>
#include <deque>

namespace hls {

template <typename T> class stream {
 public:
  stream() : name_("hls::stream") {}
  explicit stream(const char* name) : name_(name ? name : "hls::stream") {}
  ~stream() {
    if (!data_.empty())
      std::fprintf(stderr, "WARNING: hls::stream '%s' contains leftover data (%zu)\n", name_, data_.size());
  }

  bool empty() const { return data_.empty(); }
  bool full() const { return false; }  // C simulation: never full
  std::size_t size() const { return data_.size(); }

  T read() {
    if (data_.empty()) {
      std::fprintf(stderr, "WARNING: hls::stream '%s' is read while empty\n", name_);
      return T();
    }
    T head = data_.front();
    data_.pop_front();
    return head;
  }
  void read(T& head) { head = read(); }
  bool read_nb(T& head) {
    if (data_.empty()) return false;
    head = read();
    return true;
  }
  void write(const T& tail) { data_.push_back(tail); }
  bool write_nb(const T& tail) {
    write(tail);
    return true;
  }
  void operator>>(T& head) { read(head); }
  void operator<<(const T& tail) { write(tail); }

 private:
  const char* name_;
  std::deque<T> data_;
};

}  // namespace hls

#endif  // STRAT_HLS_SHIM_HLS_STREAM_H
