// More native kernels, included by ts_torch.c after its helpers (get_f32, get_f64,
// throw_error, view_extent, HOT). Exports are listed in MORE_KERNEL_PROPS.
#define MORE_KERNEL_PROPS
