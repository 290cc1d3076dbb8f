/** How a vehicle picker lists a vehicle: VIN, make and model, and the plate when it has one. */
export function vehicleOptionLabel(vehicle: { vin: string; make: string; model: string; plate?: string | null }): string {
  return `${vehicle.vin} · ${vehicle.make} ${vehicle.model}${vehicle.plate ? ` · ${vehicle.plate}` : ''}`;
}
