// libstdc++'s std::sort, std::nth_element and std::partial_sort, step for step. PyTorch's CPU
// sort (stable=False) and topk call them, and with ties the order they leave equal keys in is
// what decides the returned indices; any other algorithm would give different (equally valid)
// indices. Elements are numbers (positions into the caller's key array); `less` compares them.

export type Less = (a: number, b: number) => boolean;

const THRESHOLD = 16; // _S_threshold

/** std::__lg: floor(log2(n)) for n > 0. */
function lg(n: number): number {
  return 31 - Math.clz32(n);
}

function swap(a: number[], i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

function moveMedianToFirst(a: number[], result: number, x: number, y: number, z: number, less: Less): void {
  const ax = a[x] as number;
  const ay = a[y] as number;
  const az = a[z] as number;
  if (less(ax, ay)) {
    if (less(ay, az)) swap(a, result, y);
    else if (less(ax, az)) swap(a, result, z);
    else swap(a, result, x);
  } else if (less(ax, az)) swap(a, result, x);
  else if (less(ay, az)) swap(a, result, z);
  else swap(a, result, y);
}

function unguardedPartition(a: number[], first: number, last: number, pivot: number, less: Less): number {
  let f = first;
  let l = last;
  for (;;) {
    while (less(a[f] as number, a[pivot] as number)) f++;
    l--;
    while (less(a[pivot] as number, a[l] as number)) l--;
    if (!(f < l)) return f;
    swap(a, f, l);
    f++;
  }
}

function unguardedPartitionPivot(a: number[], first: number, last: number, less: Less): number {
  const mid = first + ((last - first) >> 1);
  moveMedianToFirst(a, first, first + 1, mid, last - 1, less);
  return unguardedPartition(a, first + 1, last, first, less);
}

function unguardedLinearInsert(a: number[], last: number, less: Less): void {
  const val = a[last] as number;
  let l = last;
  let next = l - 1;
  while (less(val, a[next] as number)) {
    a[l] = a[next] as number;
    l = next;
    next--;
  }
  a[l] = val;
}

function insertionSort(a: number[], first: number, last: number, less: Less): void {
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (less(a[i] as number, a[first] as number)) {
      const val = a[i] as number;
      for (let k = i; k > first; k--) a[k] = a[k - 1] as number;
      a[first] = val;
    } else {
      unguardedLinearInsert(a, i, less);
    }
  }
}

function finalInsertionSort(a: number[], first: number, last: number, less: Less): void {
  if (last - first > THRESHOLD) {
    insertionSort(a, first, first + THRESHOLD, less);
    for (let i = first + THRESHOLD; i < last; i++) unguardedLinearInsert(a, i, less);
  } else {
    insertionSort(a, first, last, less);
  }
}

function pushHeap(a: number[], first: number, hole: number, top: number, value: number, less: Less): void {
  let h = hole;
  let parent = (h - 1) >> 1;
  while (h > top && less(a[first + parent] as number, value)) {
    a[first + h] = a[first + parent] as number;
    h = parent;
    parent = (h - 1) >> 1;
  }
  a[first + h] = value;
}

function adjustHeap(a: number[], first: number, hole: number, len: number, value: number, less: Less): void {
  const top = hole;
  let h = hole;
  let second = hole;
  while (second < ((len - 1) >> 1)) {
    second = 2 * (second + 1);
    if (less(a[first + second] as number, a[first + second - 1] as number)) second--;
    a[first + h] = a[first + second] as number;
    h = second;
  }
  if ((len & 1) === 0 && second === (len - 2) >> 1) {
    second = 2 * (second + 1);
    a[first + h] = a[first + second - 1] as number;
    h = second - 1;
  }
  pushHeap(a, first, h, top, value, less);
}

function makeHeap(a: number[], first: number, last: number, less: Less): void {
  const len = last - first;
  if (len < 2) return;
  let parent = (len - 2) >> 1;
  for (;;) {
    adjustHeap(a, first, parent, len, a[first + parent] as number, less);
    if (parent === 0) return;
    parent--;
  }
}

/** __pop_heap(first, last, result): moves the top to `result`, re-heaps [first, last). */
function popHeap(a: number[], first: number, last: number, result: number, less: Less): void {
  const value = a[result] as number;
  a[result] = a[first] as number;
  adjustHeap(a, first, 0, last - first, value, less);
}

function heapSelect(a: number[], first: number, middle: number, last: number, less: Less): void {
  makeHeap(a, first, middle, less);
  for (let i = middle; i < last; i++) if (less(a[i] as number, a[first] as number)) popHeap(a, first, middle, i, less);
}

function sortHeap(a: number[], first: number, last: number, less: Less): void {
  let l = last;
  while (l - first > 1) {
    l--;
    popHeap(a, first, l, l, less);
  }
}

function introsortLoop(a: number[], first: number, last: number, depth: number, less: Less): void {
  let l = last;
  let d = depth;
  while (l - first > THRESHOLD) {
    if (d === 0) {
      heapSelect(a, first, l, l, less);
      sortHeap(a, first, l, less);
      return;
    }
    d--;
    const cut = unguardedPartitionPivot(a, first, l, less);
    introsortLoop(a, cut, l, d, less);
    l = cut;
  }
}

/** std::sort(a + first, a + last, less). */
export function stdSort(a: number[], less: Less, first = 0, last = a.length): void {
  if (last - first < 2) return;
  introsortLoop(a, first, last, lg(last - first) * 2, less);
  finalInsertionSort(a, first, last, less);
}

/** std::nth_element(a, a + nth, a + len, less). */
export function stdNthElement(a: number[], nth: number, less: Less): void {
  let first = 0;
  let last = a.length;
  if (first === last || nth === last) return;
  let depth = lg(last - first) * 2;
  while (last - first > 3) {
    if (depth === 0) {
      heapSelect(a, first, nth + 1, last, less);
      swap(a, first, nth);
      return;
    }
    depth--;
    const cut = unguardedPartitionPivot(a, first, last, less);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertionSort(a, first, last, less);
}

/** std::partial_sort(a, a + middle, a + len, less). */
export function stdPartialSort(a: number[], middle: number, less: Less): void {
  heapSelect(a, 0, middle, a.length, less);
  sortHeap(a, 0, middle, less);
}
