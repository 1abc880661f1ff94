//! A four-lane f32 vector: WebAssembly SIMD128 (`core::arch::wasm32`) when the crate is built for wasm32 with
//! `+simd128`, otherwise a plain `[f32; 4]` that LLVM turns into SSE/AVX natively.
//!
//! Multiply-add is `a·b + c` as two rounded operations (`f32x4_mul` then `f32x4_add`), except when the build
//! enables `relaxed-simd` (`-C target-feature=+relaxed-simd`), where `f32x4_relaxed_madd` may fuse it. The portable
//! path also rounds twice, so wasm and native results agree bit for bit unless relaxed SIMD is on.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{
        f32x4, f32x4_add, f32x4_extract_lane, f32x4_gt, f32x4_pmax, f32x4_splat, i32x4_add,
        i32x4_shuffle, u32x4, u32x4_extract_lane, u32x4_splat, v128, v128_bitselect,
    };

    #[derive(Clone, Copy)]
    pub struct F32x4(v128);

    /// Four lane-wise booleans (all ones or all zeros per lane), from a comparison.
    #[derive(Clone, Copy)]
    pub struct Mask4(v128);

    /// Four u32 lanes (cell indices of max pooling).
    #[derive(Clone, Copy)]
    pub struct U32x4(v128);

    impl U32x4 {
        #[inline(always)]
        pub fn new(a: [u32; 4]) -> U32x4 {
            U32x4(u32x4(a[0], a[1], a[2], a[3]))
        }

        #[inline(always)]
        pub fn splat(x: u32) -> U32x4 {
            U32x4(u32x4_splat(x))
        }

        #[inline(always)]
        pub fn plus(self, o: U32x4) -> U32x4 {
            U32x4(i32x4_add(self.0, o.0))
        }

        /// Lane-wise `if mask { a } else { b }`.
        #[inline(always)]
        pub fn select(mask: Mask4, a: U32x4, b: U32x4) -> U32x4 {
            U32x4(v128_bitselect(a.0, b.0, mask.0))
        }

        #[inline(always)]
        pub fn to_array(self) -> [u32; 4] {
            [
                u32x4_extract_lane::<0>(self.0),
                u32x4_extract_lane::<1>(self.0),
                u32x4_extract_lane::<2>(self.0),
                u32x4_extract_lane::<3>(self.0),
            ]
        }
    }

    impl F32x4 {
        #[inline(always)]
        pub fn zero() -> F32x4 {
            F32x4(f32x4_splat(0.0))
        }

        #[inline(always)]
        pub fn splat(x: f32) -> F32x4 {
            F32x4(f32x4_splat(x))
        }

        /// Loads four consecutive values (LLVM merges the lane reads into one `v128.load`).
        #[inline(always)]
        pub fn load(s: &[f32; 4]) -> F32x4 {
            F32x4(f32x4(s[0], s[1], s[2], s[3]))
        }

        #[inline(always)]
        pub fn store(self, s: &mut [f32; 4]) {
            *s = self.to_array();
        }

        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            [
                f32x4_extract_lane::<0>(self.0),
                f32x4_extract_lane::<1>(self.0),
                f32x4_extract_lane::<2>(self.0),
                f32x4_extract_lane::<3>(self.0),
            ]
        }

        #[inline(always)]
        pub fn plus(self, o: F32x4) -> F32x4 {
            F32x4(f32x4_add(self.0, o.0))
        }

        /// Lane-wise `self > o` (false where either is NaN).
        #[inline(always)]
        pub fn gt(self, o: F32x4) -> Mask4 {
            Mask4(f32x4_gt(self.0, o.0))
        }

        /// Lane-wise `if mask { a } else { b }`.
        #[inline(always)]
        pub fn select(mask: Mask4, a: F32x4, b: F32x4) -> F32x4 {
            F32x4(v128_bitselect(a.0, b.0, mask.0))
        }

        /// Lane-wise `if o > self { o } else { self }`: wasm's `f32x4.pmax` (one `maxps` on x86, where the
        /// NaN-propagating `f32x4.max` takes several instructions). A NaN in `self` stays, a NaN in `o` is
        /// ignored: the same as `select(o.gt(self), o, self)`.
        #[inline(always)]
        pub fn pmax(self, o: F32x4) -> F32x4 {
            F32x4(f32x4_pmax(self.0, o.0))
        }

        /// Lanes I0…I3 of the eight values `a` (lanes 0–3), `b` (lanes 4–7).
        #[inline(always)]
        pub fn shuffle<const I0: usize, const I1: usize, const I2: usize, const I3: usize>(
            a: F32x4,
            b: F32x4,
        ) -> F32x4 {
            F32x4(i32x4_shuffle::<I0, I1, I2, I3>(a.0, b.0))
        }

        /// `self + a·b`.
        #[inline(always)]
        pub fn mul_add(self, a: F32x4, b: F32x4) -> F32x4 {
            #[cfg(target_feature = "relaxed-simd")]
            {
                F32x4(core::arch::wasm32::f32x4_relaxed_madd(a.0, b.0, self.0))
            }
            #[cfg(not(target_feature = "relaxed-simd"))]
            {
                F32x4(f32x4_add(self.0, core::arch::wasm32::f32x4_mul(a.0, b.0)))
            }
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct F32x4([f32; 4]);

    #[derive(Clone, Copy)]
    pub struct Mask4([bool; 4]);

    #[derive(Clone, Copy)]
    pub struct U32x4([u32; 4]);

    impl U32x4 {
        #[inline(always)]
        pub fn new(a: [u32; 4]) -> U32x4 {
            U32x4(a)
        }

        #[inline(always)]
        pub fn splat(x: u32) -> U32x4 {
            U32x4([x; 4])
        }

        #[inline(always)]
        pub fn plus(self, o: U32x4) -> U32x4 {
            U32x4(core::array::from_fn(|i| self.0[i].wrapping_add(o.0[i])))
        }

        #[inline(always)]
        pub fn select(mask: Mask4, a: U32x4, b: U32x4) -> U32x4 {
            U32x4(core::array::from_fn(|i| {
                if mask.0[i] { a.0[i] } else { b.0[i] }
            }))
        }

        #[inline(always)]
        pub fn to_array(self) -> [u32; 4] {
            self.0
        }
    }

    impl F32x4 {
        #[inline(always)]
        pub fn zero() -> F32x4 {
            F32x4([0.0; 4])
        }

        #[inline(always)]
        pub fn splat(x: f32) -> F32x4 {
            F32x4([x; 4])
        }

        #[inline(always)]
        pub fn load(s: &[f32; 4]) -> F32x4 {
            F32x4(*s)
        }

        #[inline(always)]
        pub fn store(self, s: &mut [f32; 4]) {
            *s = self.0;
        }

        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }

        #[inline(always)]
        pub fn plus(self, o: F32x4) -> F32x4 {
            F32x4([
                self.0[0] + o.0[0],
                self.0[1] + o.0[1],
                self.0[2] + o.0[2],
                self.0[3] + o.0[3],
            ])
        }

        #[inline(always)]
        pub fn gt(self, o: F32x4) -> Mask4 {
            Mask4(core::array::from_fn(|i| self.0[i] > o.0[i]))
        }

        #[inline(always)]
        pub fn select(mask: Mask4, a: F32x4, b: F32x4) -> F32x4 {
            F32x4(core::array::from_fn(|i| {
                if mask.0[i] { a.0[i] } else { b.0[i] }
            }))
        }

        #[inline(always)]
        pub fn pmax(self, o: F32x4) -> F32x4 {
            F32x4(core::array::from_fn(|i| {
                if o.0[i] > self.0[i] {
                    o.0[i]
                } else {
                    self.0[i]
                }
            }))
        }

        #[inline(always)]
        pub fn shuffle<const I0: usize, const I1: usize, const I2: usize, const I3: usize>(
            a: F32x4,
            b: F32x4,
        ) -> F32x4 {
            let lane = |i: usize| if i < 4 { a.0[i] } else { b.0[i - 4] };
            F32x4([lane(I0), lane(I1), lane(I2), lane(I3)])
        }

        /// `self + a·b`, rounded twice (no FMA), like the wasm path.
        #[inline(always)]
        pub fn mul_add(self, a: F32x4, b: F32x4) -> F32x4 {
            F32x4([
                self.0[0] + a.0[0] * b.0[0],
                self.0[1] + a.0[1] * b.0[1],
                self.0[2] + a.0[2] * b.0[2],
                self.0[3] + a.0[3] * b.0[3],
            ])
        }
    }
}

pub use imp::{F32x4, Mask4, U32x4};

impl F32x4 {
    /// Lanes 0, 2, 4, 6 of the eight values `a`, `b`.
    #[inline(always)]
    pub fn every_second(a: F32x4, b: F32x4) -> F32x4 {
        F32x4::shuffle::<0, 2, 4, 6>(a, b)
    }

    /// Lanes 1, 3, 5, 7 of the eight values `a`, `b`.
    #[inline(always)]
    pub fn every_second_odd(a: F32x4, b: F32x4) -> F32x4 {
        F32x4::shuffle::<1, 3, 5, 7>(a, b)
    }

    /// Lanes 0, 3, 6, 9 of the twelve values `a`, `b`, `c` (`R` = 1 or 2: lanes R, R + 3, R + 6, R + 9).
    #[inline(always)]
    pub fn every_third<const R: usize>(a: F32x4, b: F32x4, c: F32x4) -> F32x4 {
        match R {
            0 => F32x4::shuffle::<0, 1, 2, 5>(F32x4::shuffle::<0, 3, 6, 0>(a, b), c),
            1 => F32x4::shuffle::<0, 1, 2, 6>(F32x4::shuffle::<1, 4, 7, 0>(a, b), c),
            _ => F32x4::shuffle::<0, 1, 4, 7>(F32x4::shuffle::<2, 5, 0, 0>(a, b), c),
        }
    }

    /// Sum of the four lanes, ((l0 + l1) + (l2 + l3)).
    #[inline(always)]
    pub fn sum(self) -> f32 {
        let a = self.to_array();
        (a[0] + a[1]) + (a[2] + a[3])
    }
}

/// Σ values, four lanes at a time (16 values per step in four independent sums, so the adds do not wait on
/// each other; a plain `iter().sum()` must add in order and cannot vectorise).
#[inline]
pub fn sum(values: &[f32]) -> f32 {
    let mut acc = [F32x4::zero(); 4];
    let mut chunks = values.chunks_exact(16);
    for c in &mut chunks {
        for (v, a) in acc.iter_mut().enumerate() {
            *a = a.plus(F32x4::load(four(&c[4 * v..])));
        }
    }
    let total = acc[0].plus(acc[1]).plus(acc[2].plus(acc[3])).sum();
    total + chunks.remainder().iter().sum::<f32>()
}

/// The first four values of `s` as an array reference (panics if `s` is shorter).
#[inline(always)]
pub fn four(s: &[f32]) -> &[f32; 4] {
    s[..4].try_into().expect("four values")
}

/// The first four values of `s` as a mutable array reference (panics if `s` is shorter).
#[inline(always)]
pub fn four_mut(s: &mut [f32]) -> &mut [f32; 4] {
    (&mut s[..4]).try_into().expect("four values")
}
