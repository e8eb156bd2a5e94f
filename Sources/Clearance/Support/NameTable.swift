/// Objects of one level of a ``NameIndex`` with the plain addresses lookups follow.
final class NameTable<Object: NameIndexNode>: @unchecked Sendable {
  // Written once in `init`, never mutated: `pointers[i]` is `objects[i].address`, alive as
  // long as `objects` holds the object.
  let objects: [Object]
  let pointers: UnsafeMutablePointer<UnsafeRawPointer>

  init(_ objects: [Object]) {
    self.objects = objects
    pointers = .allocate(capacity: max(objects.count, 1))
    for (i, object) in objects.enumerated() { (pointers + i).initialize(to: object.address) }
  }

  convenience init(repeating object: Object, count: Int) {
    self.init([Object](repeating: object, count: count))
  }

  deinit { pointers.deallocate() }
}

/// A level of a ``NameIndex``: something with a plain address lookups can follow.
protocol NameIndexNode: AnyObject, Sendable {
  var address: UnsafeRawPointer { get }
}

/// The middle level: 64 leaves.
final class NameMid: NameIndexNode {
  let leaves: NameTable<NameLeaf>
  var address: UnsafeRawPointer { UnsafeRawPointer(leaves.pointers) }

  init(_ leaves: NameTable<NameLeaf>) { self.leaves = leaves }

  static let empty = NameMid(NameTable(repeating: NameLeaf.empty, count: NameIndex.fanOut))
}
