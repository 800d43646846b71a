import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import type { FormErrorBuilder } from './form-errors.js';

/**
 * Validates what a page form gave (already turned into the API's types) with the API's own DTO, so
 * a page and the API refuse the same input. Answers the DTO, or undefined with the errors added to
 * the form's builder.
 */
export async function readForm<T extends object>(dtoClass: ClassConstructor<T>, plain: object, errors: FormErrorBuilder): Promise<T | undefined> {
  const dto = plainToInstance(dtoClass, plain);
  errors.addValidation(await validate(dto, { whitelist: true }));
  return errors.empty ? dto : undefined;
}
