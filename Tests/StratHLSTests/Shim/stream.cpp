// UG1399 "HLS Stream Library": FIFO order through write/read, << and >>, read(T&), the
// non-blocking calls, empty() and size(), with ap types and a struct as elements.
#include <ap_fixed.h>
#include <ap_int.h>
#include <hls_stream.h>
#include "check.h"

struct Order {
  ap_uint<32> id;
  ap_fixed<24, 12> price;
};

int main() {
  hls::stream<ap_uint<64> > numbers("numbers");
  check("empty.initially", numbers.empty(), 1);
  check("full.never", numbers.full(), 0);
  for (unsigned long long i = 1; i <= 5; ++i) numbers.write(ap_uint<64>(i * 0x1111111111ULL));
  numbers << ap_uint<64>(0xFFFFFFFFFFFFFFFFULL);
  check("size.six", numbers.size(), 6);
  check("read.first", numbers.read().to_uint64(), 0x1111111111ULL);
  ap_uint<64> second;
  numbers.read(second);
  check("read.second", second.to_uint64(), 0x2222222222ULL);
  ap_uint<64> third;
  numbers >> third;
  check("read.third", third.to_uint64(), 0x3333333333ULL);
  ap_uint<64> fourth;
  check("read_nb.ok", numbers.read_nb(fourth), 1);
  check("read_nb.value", fourth.to_uint64(), 0x4444444444ULL);
  check("size.two", numbers.size(), 2);
  check("read.fifth", numbers.read().to_uint64(), 0x5555555555ULL);
  check("read.last", numbers.read().to_uint64(), ~0ULL);
  check("empty.finally", numbers.empty(), 1);
  ap_uint<64> none = 7;
  // (What read_nb leaves in its argument on an empty stream differs: the vendor's headers write
  // an uninitialised value there.)
  check("read_nb.empty", numbers.read_nb(none), 0);

  hls::stream<Order> orders;
  for (int i = 0; i < 3; ++i) {
    Order o;
    o.id = 100 + i;
    o.price.range(23, 0) = ap_uint<24>(0x00A000 + i);  // 10.0 + i ulp
    check("write_nb", orders.write_nb(o), 1);
  }
  for (int i = 0; i < 3; ++i) {
    Order o = orders.read();
    check("order.id", o.id.to_uint64(), 100 + i);
    check("order.price", o.price.range(23, 0).to_uint64(), 0x00A000 + i);
  }
  check("orders.empty", orders.empty(), 1);
  return summary("stream");
}
