// torch's random-number API: generators, seeding, random factories and in-place samplers.
export { Generator, default_generator, get_rng_state, initial_seed, manual_seed, seed, set_rng_state, type Seed } from './generator.ts';
export { rand, rand_like, randint, randint_like, randn, randn_like, randperm, type LikeOptions, type RandomFactoryOptions } from './factories.ts';
export {
  exponential_,
  normal_,
  random_,
  uniform_,
  type ExponentialOptions,
  type GeneratorOptions,
  type NormalOptions,
  type RandomOptions,
  type UniformOptions,
} from './inplace.ts';
export { bernoulli, bernoulli_, multinomial, normal, poisson, type MultinomialOptions, type NormalFactoryOptions } from './ops.ts';
export { cauchy_, geometric_, log_normal_, type CauchyOptions, type GeometricOptions, type LogNormalOptions } from './samplers_extra.ts';
