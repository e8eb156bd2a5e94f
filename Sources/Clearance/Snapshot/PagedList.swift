/// A list of shared, immutable objects (chunks, shards, blocks) in pages of
/// ``PagedList/pageSize``: replacing or appending one copies the list of pages and one
/// page, so it retains a few dozen objects instead of every one (each a cold cache line
/// when the list is long).
struct PagedList<Item: AnyObject & Sendable>: Sendable {
  static var pageShift: Int { 6 }
  /// Items per page.
  static var pageSize: Int { 1 << pageShift }

  /// One immutable page.
  final class Page: Sendable {
    let items: [Item]
    init(_ items: [Item]) { self.items = items }
  }

  private(set) var pages: [Page]
  private(set) var count: Int

  /// A list of `items`, in order.
  init(_ items: [Item]) {
    pages = stride(from: 0, to: items.count, by: Self.pageSize).map {
      Page(Array(items[$0..<min($0 + Self.pageSize, items.count)]))
    }
    count = items.count
  }

  /// Item `i` (below ``count``).
  subscript(i: Int) -> Item {
    pages[i >> Self.pageShift].items[i & (Self.pageSize - 1)]
  }

  /// The last item, if any.
  var last: Item? { count == 0 ? nil : self[count - 1] }

  /// Every item, in order.
  var all: [Item] { pages.flatMap(\.items) }

  /// Replaces item `i`, or appends `item` when `i` is ``count``.
  mutating func set(_ i: Int, to item: Item) {
    let p = i >> Self.pageShift
    if p == pages.count {
      pages.append(Page([item]))
    } else {
      var items = pages[p].items
      if i & (Self.pageSize - 1) == items.count {
        items.append(item)
      } else {
        items[i & (Self.pageSize - 1)] = item
      }
      pages[p] = Page(items)
    }
    count = max(count, i + 1)
  }
}
