// Grad modes (porting rule 7): no_grad, enable_grad, set_grad_enabled, inference_mode.

let gradEnabled = true;
let inferenceMode = false;

export function is_grad_enabled(): boolean {
  return gradEnabled;
}

export function is_inference_mode_enabled(): boolean {
  return inferenceMode;
}

function withMode<T>(grad: boolean, inference: boolean, body: () => T): T {
  const prevGrad = gradEnabled;
  const prevInf = inferenceMode;
  gradEnabled = grad;
  inferenceMode = inference;
  try {
    return body();
  } finally {
    gradEnabled = prevGrad;
    inferenceMode = prevInf;
  }
}

/** `with torch.no_grad(): body` → `torch.no_grad(() => body)`; returns the body's value. */
export function no_grad<T>(body: () => T): T {
  return withMode(false, inferenceMode, body);
}

export function enable_grad<T>(body: () => T): T {
  return withMode(true, inferenceMode, body);
}

/** `set_grad_enabled(flag)` sets the mode; `set_grad_enabled(flag, body)` scopes it. */
export function set_grad_enabled(mode: boolean): void;
export function set_grad_enabled<T>(mode: boolean, body: () => T): T;
export function set_grad_enabled<T>(mode: boolean, body?: () => T): T | void {
  if (body === undefined) {
    gradEnabled = mode;
    return;
  }
  return withMode(mode, inferenceMode, body);
}

/** `inference_mode(body)` or `inference_mode(mode, body)`: no grad, and outputs are inference tensors. */
export function inference_mode<T>(body: () => T): T;
export function inference_mode<T>(mode: boolean, body: () => T): T;
export function inference_mode<T>(a: boolean | (() => T), b?: () => T): T {
  const mode = typeof a === 'boolean' ? a : true;
  const body = typeof a === 'function' ? a : (b as () => T);
  // c10::InferenceMode(enabled) sets grad mode to !enabled: inference_mode(false) turns grad on.
  return withMode(!mode, mode, body);
}
